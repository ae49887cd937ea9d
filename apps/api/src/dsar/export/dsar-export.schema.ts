/** JSON Schema of `data.json` in a DSAR package, shipped beside it as `schema.json`. */
export const DSAR_EXPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hushdesk.dev/schemas/dsar-export/v1',
  title: 'Hushdesk data-subject access package',
  type: 'object',
  required: [
    'schemaVersion',
    'request',
    'subject',
    'items',
    'withheld',
    'redactions',
    'supplementaryInformation',
  ],
  properties: {
    schemaVersion: { const: 1 },
    request: {
      type: 'object',
      description: 'The request this package answers',
      properties: {
        reference: { type: 'string', pattern: '^DSAR-\\d{6,}$' },
        kind: { enum: ['access', 'portability', 'erasure', 'rectification', 'restriction', 'objection'] },
        receivedAt: { type: 'string', format: 'date-time' },
        dueAt: { type: 'string', format: 'date-time' },
        generatedAt: { type: 'string', format: 'date-time' },
      },
    },
    subject: {
      type: 'object',
      properties: {
        contact: {
          type: ['object', 'null'],
          description:
            'Contact details held: fullName, email, phone, jobTitle, employer, workAddress, imHandle',
        },
        accounts: {
          type: 'array',
          items: {
            type: 'object',
            description: 'role, organisation, createdAt, lastSignInAt, disabled',
          },
        },
      },
    },
    items: {
      type: 'array',
      description: 'Everything found about the person, in the order found',
      items: {
        type: 'object',
        required: ['type', 'title', 'record'],
        properties: {
          type: {
            enum: [
              'contact',
              'account',
              'ticket',
              'message',
              'attachment',
              'recording',
              'audit',
              'suppression',
              'request',
              'email',
              'outbound_email',
              'undeliverable',
              'reply_draft',
            ],
          },
          title: { type: 'string' },
          at: { type: ['string', 'null'], format: 'date-time' },
          ticketReference: { type: ['string', 'null'], pattern: '^HD-\\d{6,}$' },
          foundBy: {
            type: 'array',
            items: { type: 'string' },
            description:
              'requester, party, author, in_their_ticket, uploader, person, caller, about, listed, sender (an email they sent), recipient (an email we sent them), copied (named in an email’s To or Cc), or mention:email|phone|name',
          },
          record: { type: 'object', description: 'The item’s facts (dates, status, who wrote it as a role)' },
          text: {
            type: ['string', 'null'],
            description: 'Free text, with other people’s identifiers replaced by [name], [email], [phone]',
          },
          redactions: { type: 'integer', minimum: 0 },
          file: {
            type: ['string', 'null'],
            description:
              'Path of the file in this package (audio/, attachments/, emails/: the raw .eml of an email they sent, while it is kept)',
          },
        },
      },
    },
    withheld: { type: 'object', properties: { count: { type: 'integer' }, note: { type: 'string' } } },
    redactions: { type: 'object', properties: { count: { type: 'integer' }, note: { type: 'string' } } },
    supplementaryInformation: {
      type: 'object',
      description: 'UK GDPR Art. 15(1)(a)-(h) and 15(2)',
      required: [
        'controller',
        'purposes',
        'categoriesOfData',
        'recipients',
        'retention',
        'source',
        'rights',
        'complaint',
        'automatedDecisionMaking',
      ],
      properties: {
        controller: { type: 'string', description: 'Who is responsible for the data (the controller)' },
        controllerContact: {
          type: ['object', 'null'],
          description: "The controller's address and its Data Protection Officer's contact; null if not set",
          properties: {
            name: { type: 'string' },
            address: { type: 'string' },
            dpoName: { type: ['string', 'null'] },
            dpoEmail: { type: 'string' },
            dpoPhone: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
} as const;
