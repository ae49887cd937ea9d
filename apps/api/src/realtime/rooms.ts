/** socket.io room names, in one place. */
export const rooms = {
  /** Every engineer, DPO and admin connection. */
  staff: 'staff',
  /** Staff of one role: events whose names depend on the listener's role go to each separately. */
  role: (role: string) => `role:${role}`,
  user: (userId: string) => `user:${userId}`,
  /** The connections of one signed-in session, closed together when it ends. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Customers of an organisation with shared ticket visibility. */
  organisation: (organisationId: string) => `org:${organisationId}`,
  /** Staff following one ticket, for presence. */
  presence: (ticketId: string) => `presence:${ticketId}`,
};
