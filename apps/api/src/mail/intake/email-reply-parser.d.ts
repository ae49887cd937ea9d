// email-reply-parser 1.9.4 ships no types: the part of its API the intake uses.
declare module 'email-reply-parser' {
  interface Fragment {
    getContent(): string;
    isHidden(): boolean;
    isSignature(): boolean;
    isQuoted(): boolean;
  }
  interface Email {
    getFragments(): Fragment[];
    getVisibleText(): string;
  }
  class EmailReplyParser {
    read(text: string): Email;
  }
  export = EmailReplyParser;
}
