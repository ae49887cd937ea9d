import { Foundation1795321827067 } from './1795321827067-Foundation';
import { Ticketing1795323420672 } from './1795323420672-Ticketing';
import { PrivacyKernel1795324737354 } from './1795324737354-PrivacyKernel';
import { Recordings1795326133124 } from './1795326133124-Recordings';
import { AuditExpiry1795328404153 } from './1795328404153-AuditExpiry';
import { TicketAnonymisation1795328644061 } from './1795328644061-TicketAnonymisation';
import { Dsar1795330217398 } from './1795330217398-Dsar';
import { QueueFilters1795337181153 } from './1795337181153-QueueFilters';
import { SearchVectors1796286065780 } from './1796286065780-SearchVectors';
import { OwnedBlobs1796301405514 } from './1796301405514-OwnedBlobs';
import { ControllerIdentity1796343274055 } from './1796343274055-ControllerIdentity';
import { DsarSubjectDecision1796343287545 } from './1796343287545-DsarSubjectDecision';
import { LoginThrottle1796343430404 } from './1796343430404-LoginThrottle';
import { AuditRetentionFloor1796343673442 } from './1796343673442-AuditRetentionFloor';
import { FieldCollectionChoices1796344054111 } from './1796344054111-FieldCollectionChoices';
import { SearchByEquipmentAndNames1796344151942 } from './1796344151942-SearchByEquipmentAndNames';
import { DsarDownloadAccess1796345115226 } from './1796345115226-DsarDownloadAccess';
import { DsarRequestedChanges1796350265991 } from './1796350265991-DsarRequestedChanges';
import { TicketContactPhoneIndex1796359558413 } from './1796359558413-TicketContactPhoneIndex';
import { EmailChannel1796386609338 } from './1796386609338-EmailChannel';
import { JobWorkers1796396431561 } from './1796396431561-JobWorkers';
import { BlobCopies1796399062810 } from './1796399062810-BlobCopies';
import { SlaWarnings1796411764268 } from './1796411764268-SlaWarnings';

/** Every migration, in order. The app and the CLI read this list; add new ones at the end. */
export const MIGRATIONS = [Foundation1795321827067, Ticketing1795323420672, PrivacyKernel1795324737354, Recordings1795326133124, AuditExpiry1795328404153, TicketAnonymisation1795328644061, Dsar1795330217398, QueueFilters1795337181153, SearchVectors1796286065780, OwnedBlobs1796301405514, ControllerIdentity1796343274055, DsarSubjectDecision1796343287545, LoginThrottle1796343430404, AuditRetentionFloor1796343673442, FieldCollectionChoices1796344054111, SearchByEquipmentAndNames1796344151942, DsarDownloadAccess1796345115226, DsarRequestedChanges1796350265991, TicketContactPhoneIndex1796359558413, EmailChannel1796386609338, JobWorkers1796396431561, BlobCopies1796399062810, SlaWarnings1796411764268];
