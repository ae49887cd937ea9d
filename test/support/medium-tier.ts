// Service and repository tests run on a fresh database each, without HTTP.
jest.setTimeout(30_000);
