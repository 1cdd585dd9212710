namespace Slurp.Domain.Audit;

/// <summary>The result of <see cref="AuditChain.Verify"/>.</summary>
/// <param name="IsIntact">True when every entry checked matches its hash, links to the one before, and the sequence has no gap.</param>
/// <param name="FirstBrokenSequence">
/// The lowest sequence number the chain cannot vouch for (every entry before it verified); null when intact.
/// For a missing or misplaced entry it is the sequence number that was expected at that place.
/// </param>
/// <param name="Reason">What is wrong there, e.g. "entry 17's hash does not match its contents"; null when intact.</param>
/// <param name="Checked">How many entries were examined, the broken one included (verification stops there).</param>
/// <param name="HeadHash">
/// The hash of the last entry that verified, or the starting hash when none did: what the next entry must link
/// to. Pass it as <c>expectedFirstPreviousHash</c> to verify the following page, or compare it with an anchored
/// head to detect a truncated tail (which the chain alone cannot reveal).
/// </param>
public sealed record AuditVerification(bool IsIntact, long? FirstBrokenSequence, string? Reason, long Checked, string HeadHash);
