import { useState, type KeyboardEvent } from 'react';
import { TextField } from '../../../ui/Field';

/**
 * A list of tags to add to and remove from: typed into a box (Enter or "Add tag"), each shown as
 * a chip with its own remove button. Tags are lower-cased, as the API stores them; the API judges
 * the rest (characters, how many) and its refusal shows as `error`.
 */
export function TagListEditor({
  id,
  label,
  tags,
  onChange,
  error,
}: {
  id: string;
  label: string;
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  error?: string;
}) {
  const [text, setText] = useState('');

  const add = () => {
    const tag = text.trim().toLowerCase();
    if (!tag) return;
    if (!tags.includes(tag)) onChange([...tags, tag]);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the tag rather than submitting the whole form.
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <div className="tag-editor">
      <div className="tag-editor__add">
        <TextField
          id={id}
          label={label}
          value={text}
          maxLength={40}
          autoComplete="off"
          hint="Enter or “Add tag” adds each one to the list below."
          error={error}
          onKeyDown={onKeyDown}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="button" className="button button--secondary tag-editor__button" onClick={add}>
          Add tag
        </button>
      </div>
      {tags.length ? (
        <ul className="tag-editor__list" aria-label="Chosen tags">
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-chip__remove"
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">Remove the tag {tag}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="tag-editor__empty muted">No tags: the ticket’s tags are cleared.</p>
      )}
    </div>
  );
}
