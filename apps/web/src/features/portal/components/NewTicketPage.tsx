import type { CreateTicketRequest, Equipment } from '@hushdesk/api-client';
import type { Priority, TicketType } from '@hushdesk/contracts';
import { categoriesFor, categoryLabel, isPriority, PRIORITIES, PRIORITY_LABELS } from '@hushdesk/ticketing';
import {
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type ReactNode,
  type SubmitEvent,
} from 'react';
import { Link, useNavigate } from 'react-router';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { ArrowLeftIcon, SparkIcon, WrenchIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/Layout';
import { useCollection } from '../../privacy';
import {
  attachmentProblem,
  filesOf,
  namePastedFile,
  ReplyAttachments,
  uploadToTicket,
  useCreateTicket,
} from '../../tickets';
import { useResponseTime } from '../hooks/use-response-times';
import type { TicketCreatedState } from './PortalTicketPage';
import { replyPromise } from './response-time';
import '../../../ui/ticket-page.css';
import './portal.css';

type Field =
  | 'type'
  | 'subject'
  | 'description'
  | 'category'
  | 'priority'
  | 'assetTag'
  | 'model'
  | 'serialNumber'
  | 'location'
  | 'contactPhone';

/** In the order they appear, so the first invalid one gets focus. */
const FIELD_IDS: Record<Field, string> = {
  type: 'ticket-type-fault',
  subject: 'ticket-subject',
  description: 'ticket-description',
  category: 'ticket-category',
  priority: 'ticket-priority',
  assetTag: 'ticket-asset-tag',
  model: 'ticket-model',
  serialNumber: 'ticket-serial-number',
  location: 'ticket-location',
  contactPhone: 'ticket-contact-phone',
};

/** The API's dotted field paths, mapped to this form's fields. */
const API_FIELDS: Record<string, Field> = {
  type: 'type',
  subject: 'subject',
  description: 'description',
  category: 'category',
  priority: 'priority',
  'equipment.assetTag': 'assetTag',
  'equipment.model': 'model',
  'equipment.serialNumber': 'serialNumber',
  'equipment.location': 'location',
  equipment: 'assetTag',
  contactPhone: 'contactPhone',
};

const TYPE_CHOICES: { value: TicketType; title: string; hint: string; icon: ReactNode }[] = [
  {
    value: 'fault',
    title: 'Report a fault',
    hint: 'Something is broken or not working as it should.',
    icon: <WrenchIcon size={22} />,
  },
  {
    value: 'service_request',
    title: 'Request a service',
    hint: 'Something new or a change: a new starter, a mailbox, access, a number port.',
    icon: <SparkIcon size={22} />,
  },
];

const PRIORITY_HINTS: Record<Priority, string> = {
  P1: 'A complete outage: nobody can work, or your phones are down.',
  P2: 'A major problem affecting many people, with no workaround.',
  P3: 'Something is not working for one person or team, or there is a workaround.',
  P4: 'A question, a minor annoyance or something that can wait.',
};

const EQUIPMENT_FIELDS: {
  field: 'assetTag' | 'model' | 'serialNumber' | 'location';
  label: string;
  hint?: string;
}[] = [
  { field: 'assetTag', label: 'Asset tag', hint: 'Usually on a sticker on the device.' },
  { field: 'model', label: 'Make and model', hint: 'For example, Yealink T54W.' },
  { field: 'serialNumber', label: 'Serial number' },
  { field: 'location', label: 'Location', hint: 'Where the equipment is, e.g. “Reception, 2nd floor”.' },
];

const EMPTY = {
  subject: '',
  description: '',
  category: '',
  assetTag: '',
  model: '',
  serialNumber: '',
  location: '',
  contactPhone: '',
};
type TextValues = typeof EMPTY;

export function NewTicketPage() {
  useDocumentTitle('Log a fault or request');
  const navigate = useNavigate();
  const createTicket = useCreateTicket();
  const [type, setType] = useState<TicketType>('fault');
  const [priority, setPriority] = useState<Priority>('P3');
  const target = useResponseTime(priority);
  const [values, setValues] = useState<TextValues>(EMPTY);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [notAttached, setNotAttached] = useState<{ id: string; reference: string; names: string[] } | null>(
    null,
  );
  // The contact phone is offered only while the field policy collects it (and not until we know).
  const collection = useCollection();
  const contactPhonePolicy = collection.data?.find((entry) => entry.field === 'ticket.contactPhone');
  const askContactPhone = contactPhonePolicy !== undefined && contactPhonePolicy.collection !== 'off';
  const contactPhoneHint = contactPhonePolicy?.purposeHint
    ? `Optional — ${contactPhonePolicy.purposeHint}`
    : 'Optional — only if you want us to call you back about this.';

  const isFault = type === 'fault';
  const categories = categoriesFor(type);

  const setValue =
    (field: keyof TextValues) =>
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
    };

  const chooseType = (next: TicketType) => {
    setType(next);
    // A category belongs to one type: drop it if the new type does not have it.
    setValues((current) =>
      categoryLabel(next, current.category) === undefined ? { ...current, category: '' } : current,
    );
  };

  const validate = (): FieldErrorMap<Field> => {
    const fields: FieldErrorMap<Field> = {};
    if (!values.subject.trim())
      fields.subject = 'Enter a subject: a short summary of the problem or request.';
    if (!values.description.trim()) fields.description = 'Describe the problem or what you need.';
    return fields;
  };

  const addFiles = (added: File[]) => {
    const problems = added.map(attachmentProblem).filter((p): p is string => p !== null);
    setFileProblem(problems.length ? problems.join(' ') : null);
    const fine = added.filter((f) => attachmentProblem(f) === null);
    if (fine.length) setFiles((current) => [...current, ...fine]);
  };
  const handleDragOver = (event: DragEvent<HTMLFormElement>) => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault();
  };
  const handleDrop = (event: DragEvent<HTMLFormElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    addFiles(filesOf(event.dataTransfer));
  };
  const handlePaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const images = filesOf(event.clipboardData, true);
    if (!images.length) return;
    event.preventDefault();
    addFiles(images.map((f) => namePastedFile(f)));
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = validate();
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);

    const equipment: Partial<Equipment> = {};
    if (isFault) {
      for (const { field } of EQUIPMENT_FIELDS) {
        const value = values[field].trim();
        if (value) equipment[field] = value;
      }
    }
    const request: CreateTicketRequest = {
      type,
      subject: values.subject.trim(),
      description: values.description.trim(),
      priority,
      category: values.category || undefined,
      equipment: Object.keys(equipment).length > 0 ? equipment : undefined,
      contactPhone: askContactPhone ? values.contactPhone.trim() || undefined : undefined,
    };

    createTicket.mutate(request, {
      onSuccess: (ticket) => {
        const state: TicketCreatedState = { created: true };
        if (!files.length) {
          void navigate(`/portal/tickets/${ticket.id}`, { state });
          return;
        }
        // The files go once the ticket exists, through the attachment route and its checks.
        setUploading(true);
        void uploadToTicket(ticket.id, files).then((failed) => {
          setUploading(false);
          if (!failed.length) {
            void navigate(`/portal/tickets/${ticket.id}`, { state });
            return;
          }
          setNotAttached({ id: ticket.id, reference: ticket.reference, names: failed.map((f) => f.name) });
        });
      },
      onError: (error) => {
        const next = toFormErrors(error, API_FIELDS);
        setErrors(next);
        focusFirstInvalid(FIELD_IDS, next.fields);
      },
    });
  };

  return (
    <>
      <Link to="/portal" className="back-link">
        <ArrowLeftIcon size={16} />
        Back to your requests
      </Link>
      <PageHeader
        title="Log a fault or request"
        description="Tell us what is wrong or what you need. An engineer picks it up and replies here."
      />

      <div className="card new-ticket">
        {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
        {notAttached ? (
          <ErrorMessage>
            Your request was logged as {notAttached.reference}, but {notAttached.names.join(', ')} could not
            be attached. <Link to={`/portal/tickets/${notAttached.id}`}>Open the request</Link> to attach{' '}
            {notAttached.names.length === 1 ? 'it' : 'them'} again.
          </ErrorMessage>
        ) : null}
        <form
          className="form-stack"
          onSubmit={handleSubmit}
          onDragOver={handleDragOver}
          onDrop={handleDrop}
          noValidate
          aria-label="New request"
        >
          <fieldset className="choice-group" role="radiogroup" aria-labelledby="ticket-type-legend">
            <legend id="ticket-type-legend" className="field__label choice-group__legend">
              What do you need?
            </legend>
            <div className="choice-cards">
              {TYPE_CHOICES.map((choice) => {
                const id = choice.value === 'fault' ? FIELD_IDS.type : 'ticket-type-service-request';
                return (
                  <div key={choice.value} className="choice-card">
                    <input
                      type="radio"
                      id={id}
                      name="type"
                      value={choice.value}
                      className="choice-card__input"
                      checked={type === choice.value}
                      onChange={() => {
                        chooseType(choice.value);
                      }}
                      aria-describedby={`${id}-hint`}
                    />
                    <span className="choice-card__icon" aria-hidden="true">
                      {choice.icon}
                    </span>
                    <span className="choice-card__text">
                      <label htmlFor={id} className="choice-card__title">
                        {choice.title}
                      </label>
                      <span className="choice-card__hint" id={`${id}-hint`}>
                        {choice.hint}
                      </span>
                    </span>
                  </div>
                );
              })}
            </div>
            {errors.fields.type ? (
              <p className="field__error" role="alert">
                {errors.fields.type}
              </p>
            ) : null}
          </fieldset>

          <TextField
            id={FIELD_IDS.subject}
            label="Subject"
            name="subject"
            autoComplete="off"
            hint={
              isFault
                ? 'A short summary, e.g. “Desk phones in reception have no dial tone”.'
                : 'A short summary, e.g. “New starter in the Leeds office on 3 March”.'
            }
            value={values.subject}
            onChange={setValue('subject')}
            error={errors.fields.subject}
          />

          <TextAreaField
            id={FIELD_IDS.description}
            label="Description"
            name="description"
            rows={6}
            hint={
              isFault
                ? 'What happened, when it started, who is affected and anything you have already tried.'
                : 'What you need, for whom and by when.'
            }
            value={values.description}
            onChange={setValue('description')}
            onPaste={handlePaste}
            error={errors.fields.description}
          />

          <div className="form-grid form-grid--pair">
            <SelectField
              id={FIELD_IDS.category}
              label="Category"
              name="category"
              hint="Optional. It helps us send this to the right engineer."
              value={values.category}
              onChange={setValue('category')}
              error={errors.fields.category}
            >
              <option value="">Choose a category</option>
              {categories.map((category) => (
                <option key={category} value={category}>
                  {categoryLabel(type, category)}
                </option>
              ))}
            </SelectField>

            <SelectField
              id={FIELD_IDS.priority}
              label="Priority"
              name="priority"
              hint={target ? `${PRIORITY_HINTS[priority]} ${replyPromise(target)}` : PRIORITY_HINTS[priority]}
              value={priority}
              onChange={(event) => {
                if (isPriority(event.target.value)) setPriority(event.target.value);
              }}
              error={errors.fields.priority}
            >
              {PRIORITIES.map((option) => (
                <option key={option} value={option}>
                  {PRIORITY_LABELS[option]}
                </option>
              ))}
            </SelectField>
          </div>

          {isFault ? (
            <fieldset className="subform" aria-describedby="ticket-equipment-hint">
              <legend className="subform__legend">Equipment</legend>
              <p className="field__hint subform__hint" id="ticket-equipment-hint">
                Optional. If the fault is with a device, tell us which one.
              </p>
              <div className="form-grid">
                {EQUIPMENT_FIELDS.map(({ field, label, hint }) => (
                  <TextField
                    key={field}
                    id={FIELD_IDS[field]}
                    label={label}
                    name={field}
                    autoComplete="off"
                    hint={hint}
                    value={values[field]}
                    onChange={setValue(field)}
                    error={errors.fields[field]}
                  />
                ))}
              </div>
            </fieldset>
          ) : null}

          {askContactPhone ? (
            <div className="form-grid form-grid--pair">
              <TextField
                id={FIELD_IDS.contactPhone}
                label="Contact phone"
                name="contactPhone"
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                hint={contactPhoneHint}
                value={values.contactPhone}
                onChange={setValue('contactPhone')}
                error={errors.fields.contactPhone}
              />
            </div>
          ) : errors.fields.contactPhone ? (
            <ErrorMessage>{errors.fields.contactPhone}</ErrorMessage>
          ) : null}

          <div className="field" role="group" aria-labelledby="new-ticket-files-label">
            <p className="field__label" id="new-ticket-files-label">
              Attachments (optional)
            </p>
            <ReplyAttachments
              files={files}
              onAdd={addFiles}
              onRemove={(index) => {
                setFiles((current) => current.filter((_, i) => i !== index));
                setFileProblem(null);
              }}
              disabled={createTicket.isPending || uploading}
              hint="Screenshots, photos of the equipment, PDFs or log files, up to 10 MB each. You can also drop files here or paste a screenshot into the description."
            />
            {fileProblem ? <ErrorMessage>{fileProblem}</ErrorMessage> : null}
          </div>

          <div className="form-actions">
            <Link to="/portal" className="button button--secondary">
              Cancel
            </Link>
            <BusyButton
              type="submit"
              className="button button--primary"
              busy={createTicket.isPending || uploading}
              disabled={Boolean(notAttached)}
            >
              Submit request
            </BusyButton>
          </div>
        </form>
      </div>
    </>
  );
}
