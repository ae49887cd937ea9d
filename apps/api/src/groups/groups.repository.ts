import { Injectable } from '@nestjs/common';
import type { TicketGroupDto } from './dto/ticket-group.dto';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** The roles whose accounts may belong to a group: the staff who work tickets. */
export const MEMBER_ROLES = ['engineer', 'admin'] as const;

/**
 * The members that count (alias `m`): accounts still enabled as engineer or admin. One disabled or
 * moved to another role since joining keeps its row (a PUT drops it) but is neither listed, counted
 * nor warned.
 */
export const ACTIVE_MEMBERS = `ticket_group_members m
  JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL AND u.role IN (${MEMBER_ROLES.map((r) => `'${r}'`).join(', ')})`;

/** Every statement on `ticket_groups` and `ticket_group_members`, the queues tickets are routed to. */
@Injectable()
export class GroupsRepository extends SqlRepository {
  list(): Promise<TicketGroupDto[]> {
    return this.query<TicketGroupDto>('SELECT id, name FROM ticket_groups ORDER BY name');
  }

  /** With how many members each has, for the admin screen. */
  listWithMemberCounts(): Promise<TicketGroupDto[]> {
    return this.query<TicketGroupDto>(
      `SELECT g.id, g.name,
              (SELECT count(*)::int FROM ${ACTIVE_MEMBERS} WHERE m.group_id = g.id) AS "memberCount"
         FROM ticket_groups g ORDER BY g.name`,
    );
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM ticket_groups WHERE id = $1', [id], tx);
    return rows.length > 0;
  }

  /** Whether another group has this name, whatever its case. */
  async nameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
    const rows = await this.query(
      'SELECT 1 FROM ticket_groups WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid',
      [name, exceptId ?? null],
      tx,
    );
    return rows.length > 0;
  }

  /** The new group, or undefined when the exact name won a race with another insert. */
  async create(tx: Tx, name: string): Promise<TicketGroupDto | undefined> {
    const [row] = await this.query<TicketGroupDto>(
      'INSERT INTO ticket_groups (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id, name',
      [name],
      tx,
    );
    return row;
  }

  /** The row for a change or a deletion, locked: tickets moving into it (key-share locks) wait. */
  async lock(tx: Tx, id: string): Promise<TicketGroupDto | undefined> {
    const [row] = await this.query<TicketGroupDto>(
      'SELECT id, name FROM ticket_groups WHERE id = $1 FOR UPDATE',
      [id],
      tx,
    );
    return row;
  }

  async rename(tx: Tx, id: string, name: string): Promise<void> {
    await this.query('UPDATE ticket_groups SET name = $2 WHERE id = $1', [id, name], tx);
  }

  /** How many of its tickets are not closed: a resolved one still comes back when the customer replies. */
  async openTickets(tx: Tx, id: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE group_id = $1 AND status <> 'closed'`,
      [id],
      tx,
    );
    return row.n;
  }

  /** Takes the group off its (closed) tickets and returns their ids, for their history. */
  async clearFromTickets(tx: Tx, id: string, at: Date): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `WITH cleared AS (
         UPDATE tickets SET group_id = NULL, updated_at = $2 WHERE group_id = $1 RETURNING id
       )
       SELECT id FROM cleared ORDER BY id`,
      [id, at],
      tx,
    );
    return rows.map((r) => r.id);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await this.query('DELETE FROM ticket_groups WHERE id = $1', [id], tx);
  }

  /** Every member row, counting or not: what a PUT replaces. */
  async memberIds(id: string, tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ user_id: string }>(
      'SELECT user_id FROM ticket_group_members WHERE group_id = $1 ORDER BY user_id',
      [id],
      tx,
    );
    return rows.map((r) => r.user_id);
  }

  /** The members that count, as listed and warned. */
  async activeMemberIds(id: string, tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ user_id: string }>(
      `SELECT m.user_id FROM ${ACTIVE_MEMBERS} WHERE m.group_id = $1 ORDER BY m.user_id`,
      [id],
      tx,
    );
    return rows.map((r) => r.user_id);
  }

  /** Those of `userIds` that are not active engineers or admins (or no account at all). */
  async notMemberCapable(tx: Tx, userIds: string[]): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT c.id FROM unnest($1::uuid[]) AS c(id)
        WHERE NOT EXISTS (SELECT 1 FROM users u
                           WHERE u.id = c.id AND u.disabled_at IS NULL AND u.role = ANY ($2::text[]))
        ORDER BY c.id`,
      [userIds, MEMBER_ROLES],
      tx,
    );
    return rows.map((r) => r.id);
  }

  /** Makes `userIds` the group's members: those left out go, the new ones join. */
  async replaceMembers(tx: Tx, id: string, userIds: string[]): Promise<void> {
    await this.query(
      'DELETE FROM ticket_group_members WHERE group_id = $1 AND NOT (user_id = ANY ($2::uuid[]))',
      [id, userIds],
      tx,
    );
    await this.query(
      `INSERT INTO ticket_group_members (group_id, user_id)
       SELECT $1, u FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [id, userIds],
      tx,
    );
  }
}
