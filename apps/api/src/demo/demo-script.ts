import type { TicketStatus } from '@hushdesk/ticketing';
import type { CreateTicketDto } from '../tickets/dto/ticket.dto';

/**
 * The demo helpdesk, as a script of what people did. Everything is fictional: emails on the reserved
 * example.com domain, phone numbers from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx).
 */
export type DemoCustomer = 'alex' | 'jamie' | 'chris';

export type DemoStep =
  | { reply: string; by: 'engineer' | 'requester' }
  | { note: string }
  | { status: TicketStatus }
  | { assign: true }
  | { file: string; text: string; by: 'engineer' | 'requester' }
  | { call: DemoCall };

export interface DemoCall {
  direction: 'inbound' | 'outbound';
  number: string;
  minutesAgo: number;
  durationSeconds: number;
  notes: string;
}

export interface DemoTicket {
  requester: DemoCustomer;
  ticket: CreateTicketDto;
  steps: DemoStep[];
}

/** The demo customer login's phone (Alex Morgan), given on My details. */
export const DEMO_LOGIN_PHONE = '07700 900123';

/** Customers besides the demo login (Alex Morgan, Acme Ltd); they share the demo password. */
export const DEMO_CUSTOMERS = {
  jamie: { fullName: 'Jamie Rivera', email: 'jamie.rivera@example.com', phone: '+447700900234', org: 'acme' },
  chris: {
    fullName: 'Chris Okafor',
    email: 'chris.okafor@example.com',
    phone: '+447700900345',
    org: 'northwind',
  },
} as const;

export const DEMO_SECOND_ORGANISATION = 'Northwind Logistics Ltd';

export const DEMO_CONTROLLER = {
  name: 'Hushdesk Demo Telecom Ltd',
  address: '1 Example Street\nExampleton EX1 1AA',
  dpoName: 'Priya Shah',
  dpoEmail: 'privacy@example.com',
  dpoPhone: '020 7946 0000',
};

export const DEMO_TICKETS: DemoTicket[] = [
  {
    requester: 'jamie',
    ticket: {
      type: 'fault',
      priority: 'P1',
      category: 'voice',
      subject: 'All phones at our Harrogate site are down',
      description:
        'None of the phones at the Harrogate site have a dial tone, and callers hear a busy tone. About twenty people are affected.',
      contactPhone: '07700 900234',
    },
    steps: [],
  },
  {
    requester: 'alex',
    ticket: {
      type: 'fault',
      priority: 'P2',
      category: 'voice',
      subject: 'Reception desk phone has no dial tone',
      description:
        "Since about 9 this morning the handset on the reception desk shows 'No service' and there is no dial tone. The other phones in the office are fine.",
      equipment: {
        assetTag: 'ACME-PH-0142',
        model: 'Yealink T54W',
        serialNumber: 'YL54W-000142',
        location: 'Reception, ground floor',
      },
      contactPhone: '07700 900123',
    },
    steps: [
      { assign: true },
      {
        call: {
          direction: 'inbound',
          number: '07700 900123',
          minutesAgo: 35,
          durationSeconds: 10,
          notes:
            "Alex called: the handset rebooted twice and now shows 'No service'. A power cycle did not help.",
        },
      },
      {
        note: 'The switch shows no power on port 14 (reception). Probably the patch lead; swapping it this afternoon.',
      },
      {
        file: 'switch-port-14.log',
        text: 'port 14  link down\nport 14  PoE: power denied (budget exceeded)\nport 14  link down\n',
        by: 'engineer',
      },
      {
        reply:
          "Thanks Alex. The network switch has stopped powering that port, so the handset can't start. We'll swap the patch lead and move the phone to a spare port this afternoon.",
        by: 'engineer',
      },
      { reply: 'Thank you, someone will be at reception all afternoon.', by: 'requester' },
    ],
  },
  {
    requester: 'chris',
    ticket: {
      type: 'fault',
      priority: 'P2',
      category: 'broadband',
      subject: 'Broadband drops every evening',
      description:
        'Since Tuesday our office broadband drops for a few minutes most evenings around 6 pm. The router lights go orange, then it reconnects by itself.',
      equipment: { model: 'DrayTek Vigor 2865', location: 'Comms cupboard' },
      contactPhone: '07700 900345',
    },
    steps: [
      { assign: true },
      {
        call: {
          direction: 'outbound',
          number: '07700 900345',
          minutesAgo: 20,
          durationSeconds: 10,
          notes:
            "Called Chris: the drops line up with the line's resyncs. Asked for the router's log after tonight's drop.",
        },
      },
      {
        note: 'Line test shows errors on the copper pair. If the log confirms resyncs, raise a fault with the carrier.',
      },
      {
        reply:
          "Hi Chris, thanks for your time on the phone. Could you attach the router's system log here after tonight's drop? It is under System Maintenance, then Syslog.",
        by: 'engineer',
      },
      { status: 'pending_customer' },
    ],
  },
  {
    requester: 'jamie',
    ticket: {
      type: 'service_request',
      priority: 'P3',
      category: 'new_starter',
      subject: 'Mailbox and extension for our new office manager',
      description:
        'Our new office manager starts on Monday. Please set up a mailbox and a desk phone extension. Alex Morgan will show them around on their first day.',
    },
    steps: [],
  },
  {
    requester: 'alex',
    ticket: {
      type: 'service_request',
      priority: 'P3',
      category: 'number_porting',
      subject: 'Move our numbers to the new Leeds office',
      description:
        "We're moving our sales team to Leeds next month. Can our four direct-dial numbers move with them?",
    },
    steps: [
      { assign: true },
      {
        reply:
          "Yes, they can move. We've asked the carrier for a porting date and will confirm it here as soon as we have it.",
        by: 'engineer',
      },
      {
        note: 'Porting order sent; the carrier quotes ten working days. On hold until they confirm the date.',
      },
      { status: 'on_hold' },
    ],
  },
  {
    requester: 'jamie',
    ticket: {
      type: 'service_request',
      priority: 'P4',
      category: 'access',
      subject: 'Reset my voicemail PIN',
      description: "I've forgotten my voicemail PIN. Could you reset it, please?",
    },
    steps: [
      { assign: true },
      {
        reply: "Done. The next time you call voicemail you'll be asked to choose a new PIN.",
        by: 'engineer',
      },
      { status: 'resolved' },
    ],
  },
  {
    requester: 'chris',
    ticket: {
      type: 'fault',
      priority: 'P3',
      category: 'network',
      subject: "The warehouse label printer can't be reached",
      description:
        'The label printer in the warehouse stopped printing after the weekend. The laptops say it is offline.',
      equipment: { model: 'Zebra ZD421', location: 'Warehouse, bay 3' },
    },
    steps: [
      {
        file: 'printer-status.txt',
        text: 'Status: Offline\nLast job: 08:12\nQueue: 14 labels waiting\n',
        by: 'requester',
      },
      { assign: true },
      {
        reply:
          'The printer picked up an address outside the warehouse network after the power cut. We have given it a fixed address; could you try printing now?',
        by: 'engineer',
      },
      { reply: 'That fixed it, thank you.', by: 'requester' },
      { status: 'resolved' },
      { status: 'closed' },
    ],
  },
];

/** A call nobody has linked to a ticket yet: a number that matches no one. */
export const DEMO_UNLINKED_CALL: DemoCall = {
  direction: 'inbound',
  number: '07700 900999',
  minutesAgo: 50,
  durationSeconds: 10,
  notes: 'Caller asked about moving their office lines; will raise a ticket once they have a date.',
};

/** The DPO's postal request, received two days ago and waiting for the requester's ID. */
export const DEMO_POSTAL_REQUEST = {
  kind: 'erasure' as const,
  subject: { email: DEMO_CUSTOMERS.chris.email, fullName: DEMO_CUSTOMERS.chris.fullName },
  channel: 'post' as const,
  details: 'Letter received: asks us to delete everything we hold about him.',
  daysAgo: 2,
};
