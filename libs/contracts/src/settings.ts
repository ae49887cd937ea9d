/**
 * Who is responsible for the personal data this Hushdesk holds (the controller, UK GDPR Art. 4(7)),
 * and how to reach its Data Protection Officer. Named in the privacy notice, the record of
 * processing and every data-subject package.
 */
export interface ControllerIdentity {
  /** The controller's legal name, e.g. "Northern Lines Telecom Ltd". */
  name: string;
  /** Postal address, one or more lines. */
  address: string;
  dpoName: string | null;
  dpoEmail: string;
  dpoPhone: string | null;
}

/** What admins and the DPO read on the settings screen: nulls until an admin has set it. */
export interface ControllerSettings {
  name: string | null;
  address: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  dpoPhone: string | null;
  updatedAt: string | null;
}

/** `PUT /api/settings/controller` (admins only). */
export interface UpdateControllerSettingsRequest {
  name: string;
  address: string;
  dpoEmail: string;
  dpoName?: string | null;
  dpoPhone?: string | null;
}

/** `GET /api/privacy/notice/controller`: public, like the notice itself. */
export interface PublishedController {
  controller: ControllerIdentity | null;
}
