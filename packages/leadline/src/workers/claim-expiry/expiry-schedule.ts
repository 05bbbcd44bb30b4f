// The claims the worker knows to be open, by lead, with the earliest expiry found in O(log n).
// A lead holds at most one open claim; a newer claim or an ending event replaces or removes it, and
// stale heap entries are skipped when they surface (lazy deletion).

export interface OpenClaim {
  readonly orgId: string;
  readonly leadId: string;
  readonly claimId: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The LeadClaimed event: the expiry command's cause. */
  readonly claimedEventId: string;
  readonly correlationId: string;
}

export class ExpirySchedule {
  private readonly byLead = new Map<string, OpenClaim>();
  private readonly heap: OpenClaim[] = [];

  get size(): number {
    return this.byLead.size;
  }

  open(claim: OpenClaim): void {
    this.byLead.set(claim.leadId, claim);
    this.heap.push(claim);
    this.siftUp(this.heap.length - 1);
  }

  /** Schedules a claim again (a failed expiry) unless the lead has had a newer claim meanwhile. */
  retry(claim: OpenClaim, at: number): void {
    if (!this.byLead.has(claim.leadId)) this.open({ ...claim, expiresAt: at });
  }

  /** Ends the lead's open claim; with a claim id, only if it is that claim. */
  close(leadId: string, claimId?: string): void {
    const current = this.byLead.get(leadId);
    if (current !== undefined && (claimId === undefined || current.claimId === claimId)) this.byLead.delete(leadId);
  }

  /** The earliest expiry among open claims, or null. */
  nextExpiry(): number | null {
    this.dropStale();
    return this.heap[0]?.expiresAt ?? null;
  }

  /** Removes and returns every open claim that lapsed at or before `now`, earliest first. */
  takeLapsed(now: number): OpenClaim[] {
    const lapsed: OpenClaim[] = [];
    this.dropStale();
    while (this.heap[0] !== undefined && this.heap[0].expiresAt <= now) {
      const claim = this.pop();
      this.byLead.delete(claim.leadId);
      lapsed.push(claim);
      this.dropStale();
    }
    return lapsed;
  }

  private dropStale(): void {
    while (this.heap[0] !== undefined && this.byLead.get(this.heap[0].leadId) !== this.heap[0]) this.pop();
  }

  private pop(): OpenClaim {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) throw new RangeError('pop from an empty expiry schedule');
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    for (let child = index; child > 0;) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    for (let parent = index; ;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let first = parent;
      if (left < this.heap.length && this.before(left, first)) first = left;
      if (right < this.heap.length && this.before(right, first)) first = right;
      if (first === parent) return;
      this.swap(parent, first);
      parent = first;
    }
  }

  private before(a: number, b: number): boolean {
    return (this.heap[a]?.expiresAt ?? Infinity) < (this.heap[b]?.expiresAt ?? Infinity);
  }

  private swap(a: number, b: number): void {
    const first = this.heap[a];
    const second = this.heap[b];
    if (first === undefined || second === undefined) return;
    this.heap[a] = second;
    this.heap[b] = first;
  }
}
