// API end-to-end tests boot the whole app on a fresh database.
jest.setTimeout(30_000);
