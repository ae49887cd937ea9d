/**
 * Decorative line icons from Lucide (lucide-react, ISC licence), drawn at our size and a lighter
 * stroke than Lucide's default. Always hidden from assistive tech: the text beside them names them.
 */
import {
  Archive,
  ArrowLeft,
  Building,
  ChartColumn,
  ClipboardCheck,
  Clock,
  Eye,
  EyeOff,
  FileText,
  Funnel,
  History,
  Inbox,
  Key,
  List,
  Loader,
  Lock,
  LogOut,
  Mail,
  MessageSquare,
  Monitor,
  Paperclip,
  Phone,
  PhoneIncoming,
  PhoneOutgoing,
  Plus,
  Printer,
  Search,
  Send,
  Tag,
  ShieldCheck,
  SlidersVertical,
  User,
  Users,
  UsersRound,
  Wrench,
  type LucideIcon,
} from 'lucide-react';

interface IconProps {
  size?: number;
}

function decorative(Glyph: LucideIcon) {
  return function Icon({ size = 20 }: IconProps) {
    return <Glyph size={size} strokeWidth={1.8} aria-hidden="true" focusable="false" />;
  };
}

export const InboxIcon = decorative(Inbox);
export const QueueIcon = decorative(List);
export const ShieldIcon = decorative(ShieldCheck);
export const BuildingIcon = decorative(Building);
export const UsersIcon = decorative(Users);
export const GroupIcon = decorative(UsersRound);
export const LockIcon = decorative(Lock);
export const ClockIcon = decorative(Clock);
export const EyeOffIcon = decorative(EyeOff);
export const SignOutIcon = decorative(LogOut);
export const PlusIcon = decorative(Plus);
export const PaperclipIcon = decorative(Paperclip);
export const ChartIcon = decorative(ChartColumn);
export const SearchIcon = decorative(Search);
export const ArrowLeftIcon = decorative(ArrowLeft);
export const MessageIcon = decorative(MessageSquare);
export const HistoryIcon = decorative(History);
export const WrenchIcon = decorative(Wrench);
export const SparkIcon = decorative(Loader);
export const UserIcon = decorative(User);
export const SlidersIcon = decorative(SlidersVertical);
export const ClipboardCheckIcon = decorative(ClipboardCheck);
export const FileTextIcon = decorative(FileText);
export const PrinterIcon = decorative(Printer);
export const EyeIcon = decorative(Eye);
export const PhoneIcon = decorative(Phone);
export const PhoneIncomingIcon = decorative(PhoneIncoming);
export const PhoneOutgoingIcon = decorative(PhoneOutgoing);
export const ArchiveIcon = decorative(Archive);
export const KeyIcon = decorative(Key);
export const MailIcon = decorative(Mail);
export const MonitorIcon = decorative(Monitor);
export const SendIcon = decorative(Send);
export const TagIcon = decorative(Tag);
export const ViewsIcon = decorative(Funnel);
