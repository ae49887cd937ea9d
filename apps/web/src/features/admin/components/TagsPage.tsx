import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { TagIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { TableScroll } from '../../../ui/TableScroll';
import { useTags } from '../hooks/use-tags';
import { TagRow } from './TagRow';
import './admin.css';

/** `/admin/tags`: the tags tickets carry, each renamed or removed on every ticket at once. */
export function TagsPage() {
  useDocumentTitle('Tags');
  const tags = useTags();
  const [done, setDone] = useState<string | null>(null);

  let body;
  if (tags.isPending) {
    body = <Spinner label="Loading tags…" />;
  } else if (tags.error) {
    body = (
      <LoadError onRetry={() => void tags.refetch()}>
        The tags could not be loaded. {tags.error.message}
      </LoadError>
    );
  } else if (tags.data.items.length === 0) {
    body = (
      <EmptyState icon={<TagIcon size={28} />} title="No tags yet">
        <p>Tags appear here once a ticket carries one.</p>
      </EmptyState>
    );
  } else {
    body = (
      <TableScroll label="Tag table">
        <table className="table" aria-label="Tags in use">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col" className="table__number">
                Tickets
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.data.items.map((item) => (
              <TagRow key={item.tag} tag={item.tag} tickets={item.tickets} onDone={setDone} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }

  return (
    <>
      <PageHeader
        title="Tags"
        description="Every tag your tickets carry and how many carry it. Renaming or removing a tag changes every ticket that has it, and each ticket’s history records the change."
      />
      <Card className="card--flush" as="div">
        <div className="admin-status">
          <StatusMessage tone="success">{done}</StatusMessage>
        </div>
        {body}
      </Card>
    </>
  );
}
