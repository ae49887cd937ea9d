import { applyPatch, DEFAULT_FIELD_POLICIES } from './field-policy';
import { fileExtension, fileNameFor, maskFileName, withheldFileName } from './file-name';

const ID = '3F2A9C1B-0000-4000-8000-000000000000';
const policy = DEFAULT_FIELD_POLICIES['attachment.fileName'];

describe('file names under the attachment.fileName policy', () => {
  it('keeps ordinary extensions only', () => {
    expect(fileExtension('notes.TXT')).toBe('.txt');
    expect(fileExtension('archive.tar.gz')).toBe('.gz');
    expect(fileExtension('.profile')).toBe('');
    expect(fileExtension('Alex Morgan.call me on 07700 900123')).toBe('');
  });

  it('withholds a name as a stable neutral one', () => {
    expect(withheldFileName(ID, 'Alex-Morgan-disciplinary-notes.txt')).toBe('attachment-3f2a9c1b.txt');
    expect(withheldFileName(ID, 'no extension')).toBe('attachment-3f2a9c1b');
  });

  it('masks in the policy’s style, keeping the extension', () => {
    expect(maskFileName('Alex-Morgan-notes.txt', 'full')).toBe('•••••.txt');
    expect(maskFileName('Alex_Morgan.pdf', 'name')).toBe('A. M..pdf');
    expect(maskFileName('Alex-Morgan.txt', 'none')).toBe('•••••.txt');
  });

  it('shows clear, masked or withheld by role; the uploader always sees their own', () => {
    const file = { id: ID, fileName: 'Alex-Morgan-disciplinary-notes.txt' };
    expect(fileNameFor(file, policy, 'engineer', false)).toBe(file.fileName);
    expect(fileNameFor(file, policy, 'customer', false)).toBe('attachment-3f2a9c1b.txt');
    expect(fileNameFor(file, policy, 'customer', true)).toBe(file.fileName);
    const masked = applyPatch(policy, {
      visibility: { ...policy.visibility, engineer: 'masked' },
      masking: 'full',
    });
    expect(fileNameFor(file, masked, 'engineer', false)).toBe('•••••.txt');
  });
});
