// Browser tests boot the app and drive Chromium.
jest.setTimeout(60_000);
