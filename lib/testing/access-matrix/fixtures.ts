/**
 * Rows the matrix samples act on, created fresh for each cell (so an allowed call in one cell never
 * leaves a case or request in a state the next cell cannot use). Built with plain Prisma writes or
 * the real DAL as an admin / a requester — never as the actor under test.
 */
import type { PrismaClient, Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import type { LevelRole } from "@/lib/domain/approval/policy";
import { proposeAction } from "@/lib/server/dal/case-actions";
import { storePayload } from "@/lib/server/ingest/store-payload";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** Every source secret the matrix stores starts with this, so any leak (result, response, log, audit row) is found by one search. */
export const SECRET_PREFIX = "mx-secret-";

export class Fixtures {
  private n = 0;
  private csvSourceId: string | null = null;
  private x12SourceId: string | null = null;

  constructor(
    readonly prisma: PrismaClient,
    /** A planner assigned to every site: requests in the samples are theirs, so the actor is never the requester by accident. */
    readonly requester: Viewer,
  ) {}

  /** A counter for unique names. */
  next(): number {
    return ++this.n;
  }

  /**
   * A fresh OPEN case at the site: a copy of one of the site's seeded cases (same item, scores and
   * explanation) under a new id, number and cause key, with no owner, snooze or action.
   */
  async openCase(siteId: string): Promise<{ id: string; siteId: string }> {
    const template = await this.prisma.case.findFirst({ where: { siteId, status: "OPEN", itemId: { not: null } }, orderBy: { score: "desc" }, select: { id: true } });
    if (!template) throw new Error(`fixture: no open case with an item at ${siteId} to copy`);
    const id = `mx_case_${this.next()}`;
    const overrides = { id, causeKey: `matrix:${id}`, status: "OPEN", assigneeId: null, acknowledgedAt: null, snoozedAt: null, snoozedById: null, snoozeUntil: null, resolvedAt: null, writeBackFailedAt: null };
    await this.prisma.$executeRawUnsafe(
      `INSERT INTO "Case" SELECT (jsonb_populate_record(NULL::"Case", to_jsonb(c) || $2::jsonb || jsonb_build_object('number', (SELECT max(number) + 1 FROM "Case")))).* FROM "Case" c WHERE c.id = $1`,
      template.id,
      JSON.stringify(overrides),
    );
    return { id, siteId };
  }

  /** A snoozed case at the site. */
  async snoozedCase(siteId: string) {
    const c = await this.openCase(siteId);
    await this.prisma.case.update({ where: { id: c.id }, data: { snoozedAt: new Date(), snoozeUntil: new Date(Date.now() + 86_400_000), snoozedById: this.requester.id } });
    return c;
  }

  /**
   * A request waiting at level 1 for `levelRole`, requested by the fixture requester (so a supervisor,
   * finance or admin actor is never deciding their own request).
   */
  async pendingAction(siteId: string, levelRole: LevelRole): Promise<{ id: string; caseId: string }> {
    const c = await this.openCase(siteId);
    const a = await proposeAction(this.requester, { caseId: c.id, type: "RECOUNT", quantity: 2, note: "matrix sample request" });
    if (a.status !== "PENDING_APPROVAL") throw new Error(`fixture: the sample request was ${a.status}, not pending`);
    await this.prisma.caseAction.update({ where: { id: a.id }, data: { requiredLevels: json([{ level: 1, role: levelRole }]), currentLevel: 1 } });
    return { id: a.id, caseId: c.id };
  }

  /** A request an approver sent back, requested by `ownerId` (the actor: editing and cancelling one's own request). */
  async changesRequested(siteId: string, ownerId: string) {
    const a = await this.pendingAction(siteId, "supervisor");
    await this.prisma.caseAction.update({ where: { id: a.id }, data: { status: "CHANGES_REQUESTED", requestedById: ownerId } });
    return a;
  }

  /** A pending request owned by `ownerId`. */
  async ownPendingAction(siteId: string, ownerId: string) {
    const a = await this.pendingAction(siteId, "supervisor");
    await this.prisma.caseAction.update({ where: { id: a.id }, data: { requestedById: ownerId } });
    return a;
  }

  /** An approved case whose write-back to a source that accepts write-backs FAILED. */
  async failedWriteBack(siteId: string): Promise<{ writeBackId: string; caseId: string }> {
    const c = await this.openCase(siteId);
    const action = await this.prisma.caseAction.create({
      data: {
        caseId: c.id,
        type: "RECOUNT",
        status: "APPROVED",
        payload: json({ quantity: 2 }),
        valueUsd: 0,
        note: "matrix sample",
        requestedById: this.requester.id,
        policyVersion: 1,
        decidedAt: new Date(),
      },
    });
    await this.prisma.case.update({ where: { id: c.id }, data: { status: "ACTION_APPROVED", writeBackFailedAt: new Date() } });
    const source = await this.prisma.dataSource.findFirstOrThrow({ where: { kind: "demo", enabled: true }, orderBy: { code: "asc" } });
    const wb = await this.prisma.writeBack.create({
      data: { actionId: action.id, caseId: c.id, dataSourceId: source.id, idempotencyKey: action.id, status: "FAILED", attempts: 5, request: json({}), lastError: "HTTP 503", failedAt: new Date() },
    });
    return { writeBackId: wb.id, caseId: c.id };
  }

  /** A notification for `userId`, unread. */
  async notification(userId: string) {
    return this.prisma.notification.create({ data: { userId, kind: "MENTION", title: `matrix sample ${this.next()}` } });
  }

  /** A saved view owned by `ownerId`. */
  async savedView(ownerId: string) {
    return this.prisma.savedView.create({ data: { ownerId, name: `matrix view ${this.next()}`, query: "status=OPEN" } });
  }

  /** An enabled pull source (demo kind). */
  async pullSource() {
    return this.prisma.dataSource.findFirstOrThrow({ where: { kind: "demo", enabled: true }, orderBy: { code: "asc" } });
  }

  /** A sync run of a source. */
  async syncRun() {
    const source = await this.pullSource();
    return this.prisma.syncRun.create({ data: { sourceId: source.id, trigger: "manual", status: "SUCCEEDED", finishedAt: new Date() } });
  }

  async csvSource(): Promise<string> {
    this.csvSourceId ??= (await this.prisma.dataSource.create({ data: { code: "MATRIX-CSV", name: "Matrix CSV uploads", kind: "csv" } })).id;
    return this.csvSourceId;
  }

  /** An uploaded CSV file (distinct content per call, so uploads are not de-duplicated into one row). */
  async csvUpload(): Promise<{ id: string }> {
    const body = `sku,name\nMATRIX-${this.next()},Matrix sample item\n`;
    return storePayload(this.prisma, { sourceId: await this.csvSource(), kind: "file", contentType: "text/csv", fileName: `matrix-${this.n}.csv` }, body);
  }

  /** An uploaded X12 file on an x12 source. */
  async ediUpload(): Promise<{ id: string }> {
    this.x12SourceId ??= (await this.prisma.dataSource.create({ data: { code: "MATRIX-EDI", name: "Matrix EDI mailbox", kind: "x12", config: json({ partnerLocationCodes: {} }) } })).id;
    const body = `ISA*00*          *00*          *ZZ*MATRIX         *ZZ*WORKBENCH      *261206*1200*U*00401*${String(this.next()).padStart(9, "0")}*0*P*>~IEA*0*${String(this.n).padStart(9, "0")}~`;
    return storePayload(this.prisma, { sourceId: this.x12SourceId, kind: "edi", contentType: "application/edi-x12", fileName: `matrix-${this.n}.edi` }, body);
  }

  /** An open quarantined record of the CSV source (an item row missing its name). */
  async quarantined() {
    return this.prisma.quarantinedRecord.create({
      data: { sourceId: await this.csvSource(), entity: "item", position: `line ${this.next()}`, field: "name", message: "name is required", record: json({ sku: `MATRIX-Q-${this.n}`, name: "" }) },
    });
  }

  /** A routing rule at the end of the list. */
  async routingRule() {
    const last = await this.prisma.routingRule.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
    return this.prisma.routingRule.create({ data: { position: (last?.position ?? 0) + 10, name: `Matrix rule ${this.next()}`, conditions: json({ siteIds: [] }), team: "matrix" } });
  }

  /** A user (planner at the given site) an admin can revoke or deactivate. */
  async user(siteId: string) {
    const n = this.next();
    return this.prisma.user.create({ data: { email: `matrix-${n}@demo.local`, name: `Matrix User ${n}`, role: "planner", sites: { create: [{ locationId: siteId }] } } });
  }
}
