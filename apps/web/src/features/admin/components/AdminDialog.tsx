import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A native modal dialog for the admin screens: focus stays inside, Escape closes it, and focus
 * returns to the button that opened it.
 */
export function AdminDialog({
  title,
  description,
  children,
  onClose,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  onClose: () => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="admin-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-what` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="admin-dialog__body">
        <h2 className="admin-dialog__title" id={`${id}-title`}>
          {title}
        </h2>
        {description ? (
          <div className="admin-dialog__what" id={`${id}-what`}>
            {description}
          </div>
        ) : null}
        {children}
      </div>
    </dialog>
  );
}
