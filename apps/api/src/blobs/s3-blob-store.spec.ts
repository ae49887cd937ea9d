import { bucketProblem } from './s3-blob-store';

// The start-up check against a real server is in test/medium/s3-blob-store.medium-spec.ts; s3rver does
// not verify signatures, so the wording for a wrong secret is checked here.
describe('bucketProblem', () => {
  it('names the variable to fix for each refusal, never a secret', () => {
    expect(bucketProblem('hushdesk', 'NoSuchBucket')).toBe(
      'S3_BUCKET: the store has no bucket named "hushdesk"',
    );
    expect(bucketProblem('hushdesk', 'InvalidAccessKeyId')).toMatch(/^S3_ACCESS_KEY_ID: /);
    expect(bucketProblem('hushdesk', 'SignatureDoesNotMatch')).toMatch(/^S3_SECRET_ACCESS_KEY: /);
    expect(bucketProblem('hushdesk', 'AccessDenied')).toMatch(/^S3_ACCESS_KEY_ID: this key may not use/);
    expect(bucketProblem('hushdesk', 'Forbidden')).toMatch(
      /^S3_BUCKET: .*\(S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY\): Forbidden$/,
    );
  });
});
