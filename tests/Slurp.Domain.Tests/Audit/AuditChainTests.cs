using FsCheck.Xunit;
using Slurp.Domain.Audit;

namespace Slurp.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private const string Address = "ucxl://claude-1:backend_developer@proj:task/src/api";
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<AuditEntry> Chain = AuditGenerators.Chain;

    [Fact]
    public void Verify_ChainOf100_IsIntact()
    {
        var result = AuditChain.Verify(Chain);

        Assert.Equal(new AuditVerification(true, null, null, 100, Chain[^1].Hash), result);
    }

    [Fact]
    public void Verify_NoEntries_IsIntactAtGenesis() =>
        Assert.Equal(new AuditVerification(true, null, null, 0, AuditChain.GenesisHash), AuditChain.Verify([]));

    [Property(Arbitrary = [typeof(AuditGenerators)], MaxTest = 500)]
    public bool Verify_AnySingleFieldEdited_IsDetectedAtExactlyThatEntry(AuditEdit edit)
    {
        var entries = Chain.ToArray();
        entries[edit.Index] = AuditGenerators.Apply(entries[edit.Index], edit.Field, edit.Variant);

        var result = AuditChain.Verify(entries);

        return !result.IsIntact
            && result.FirstBrokenSequence == edit.Index + 1
            && result.Checked == edit.Index + 1
            && result.HeadHash == (edit.Index == 0 ? AuditChain.GenesisHash : Chain[edit.Index - 1].Hash);
    }

    [Property(Arbitrary = [typeof(AuditGenerators)])]
    public bool Verify_AnyEntryButTheLastDeleted_IsDetectedAtItsSequence(AuditEdit edit)
    {
        var index = edit.Index % (Chain.Count - 1);
        var entries = Chain.Where((_, i) => i != index);

        var result = AuditChain.Verify(entries);

        return !result.IsIntact && result.FirstBrokenSequence == index + 1;
    }

    [Property(Arbitrary = [typeof(AuditGenerators)])]
    public bool Verify_AnyTwoEntriesSwapped_IsDetectedAtTheFirstOfThem(AuditSwap swap)
    {
        var entries = Chain.ToArray();
        (entries[swap.First], entries[swap.Second]) = (entries[swap.Second], entries[swap.First]);

        var result = AuditChain.Verify(entries);

        return !result.IsIntact && result.FirstBrokenSequence == swap.First + 1;
    }

    [Fact]
    public void Verify_EditedDetail_SaysTheHashDoesNotMatch()
    {
        var entries = Chain.ToArray();
        entries[16] = entries[16] with { Detail = "edited" };

        var result = AuditChain.Verify(entries);

        Assert.Equal(new AuditVerification(false, 17, "entry 17's hash does not match its contents", 17, Chain[15].Hash), result);
    }

    [Fact]
    public void Verify_EditedEntryWithRecomputedHash_BreaksTheNextLink()
    {
        var entries = Chain.ToArray();
        var e = entries[16];
        entries[16] = AuditChain.Append(e.PreviousHash, e.Sequence, e.Time, e.Agent, e.Role, e.Action, e.Address, e.Outcome, "forged");

        var result = AuditChain.Verify(entries);

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.Equal("entry 18 does not link to entry 17", result.Reason);
    }

    [Fact]
    public void Verify_DeletedEntry_SaysTheSequenceJumps()
    {
        var result = AuditChain.Verify(Chain.Where(e => e.Sequence != 18));

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.Equal("sequence jumps from 17 to 19", result.Reason);
    }

    [Fact]
    public void Verify_FirstEntryDeleted_SaysWhereTheLogStarts()
    {
        var result = AuditChain.Verify(Chain.Skip(1));

        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal("the log starts at entry 2, not at entry 1", result.Reason);
    }

    [Fact]
    public void Verify_AdjacentEntriesSwapped_SaysTheSequenceJumps()
    {
        var entries = Chain.ToArray();
        (entries[17], entries[18]) = (entries[18], entries[17]);

        var result = AuditChain.Verify(entries);

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.Equal("sequence jumps from 17 to 19", result.Reason);
    }

    [Fact]
    public void Verify_EntriesRenumberedAfterADeletion_SaysTheLinkIsBroken()
    {
        var entries = Chain.Where(e => e.Sequence != 18).Select(e => e.Sequence > 18 ? e with { Sequence = e.Sequence - 1 } : e);

        var result = AuditChain.Verify(entries);

        Assert.Equal(18, result.FirstBrokenSequence);
        Assert.Equal("entry 18 does not link to entry 17", result.Reason);
    }

    [Fact]
    public void Verify_FirstEntryNotLinkedToGenesis_IsBroken()
    {
        var first = AuditChain.Append(Chain[0].Hash, 1, T0, "a", "b", AuditAction.Read, null, AuditOutcomes.Allowed, null);

        var result = AuditChain.Verify([first]);

        Assert.Equal(1, result.FirstBrokenSequence);
        Assert.Equal("entry 1 does not link to the genesis hash", result.Reason);
    }

    // The chain alone cannot tell a truncated tail from a shorter log; an anchored head hash can.
    [Fact]
    public void Verify_LastEntryDeleted_IsIntactButTheHeadHashDiffers()
    {
        var result = AuditChain.Verify(Chain.Take(Chain.Count - 1));

        Assert.True(result.IsIntact);
        Assert.NotEqual(Chain[^1].Hash, result.HeadHash);
    }

    [Fact]
    public void Verify_PagesChainedThroughTheHeadHash_AreIntact()
    {
        var firstPage = AuditChain.Verify(Chain.Take(40));

        var secondPage = AuditChain.Verify(Chain.Skip(40), firstPage.HeadHash);

        Assert.True(firstPage.IsIntact);
        Assert.Equal(new AuditVerification(true, null, null, 60, Chain[^1].Hash), secondPage);
    }

    [Fact]
    public void Verify_PageNotLinkedToTheExpectedHash_IsBrokenAtItsFirstEntry()
    {
        var result = AuditChain.Verify(Chain.Skip(41), Chain[39].Hash);

        Assert.Equal(42, result.FirstBrokenSequence);
        Assert.Equal("entry 42 does not link to the expected previous hash", result.Reason);
    }

    [Fact]
    public void Verify_StopsReadingAtTheFirstBreak()
    {
        var result = AuditChain.Verify(ThrowAfter(Chain.Take(3).Append(Chain[4])));

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(4, result.Checked);
    }

    [Fact]
    public void Verify_StoredEntryWithInvalidText_IsBrokenNotThrown()
    {
        var entries = Chain.ToArray();
        entries[5] = entries[5] with { Agent = "\ud800" };

        Assert.Equal(6, AuditChain.Verify(entries).FirstBrokenSequence);
    }

    [Fact]
    public void Verify_StoredEntryWithNullField_IsBrokenNotThrown()
    {
        var entries = Chain.ToArray();
        entries[5] = entries[5] with { Hash = null! };

        Assert.Equal(6, AuditChain.Verify(entries).FirstBrokenSequence);
    }

    [Fact]
    public void Verify_NullEntry_Throws() =>
        Assert.Throws<ArgumentException>(() => AuditChain.Verify([Chain[0], null!]));

    // Pinned against an independent implementation of the documented encoding: if this changes, every
    // stored audit log stops verifying.
    [Fact]
    public void Append_KnownEntries_HaveThePinnedHashes()
    {
        var first = AuditChain.Append(
            AuditChain.GenesisHash, 1, T0, "claude-1", "backend_developer", AuditAction.Write, Address, AuditOutcomes.Allowed, null);
        var second = AuditChain.Append(
            first.Hash, 2, T0.AddSeconds(1).AddTicks(1_234_567), "auditor-1", "auditor", AuditAction.AuditRead, null, AuditOutcomes.Denied, "");

        Assert.Equal("2f9d76b5cce284ad29f12a5619a537c745a865655fb8a449e7604da7e4cdb963", first.Hash);
        Assert.Equal("0cfe2b0c3b9c2b83c5b3f635efe10c137001ca18d5037d63d41df4d009a26329", second.Hash);
    }

    // Verify reports some edits (sequence, link) before it recomputes the hash; the hash must still cover them.
    [Property(Arbitrary = [typeof(AuditGenerators)])]
    public bool Append_AnyFieldChanged_HashesDifferently(AuditEdit edit)
    {
        var original = Chain[edit.Index];
        var field = edit.Field == AuditField.Hash ? AuditField.Detail : edit.Field;
        // Append keeps whole microseconds, so a one-tick change is not a change it can see.
        var variant = field == AuditField.Time ? Math.Max(edit.Variant, 1) : edit.Variant;
        var e = AuditGenerators.Apply(original, field, variant);
        e = e.Sequence < 1 ? e with { Sequence = original.Sequence + 1 } : e;

        var rehashed = AuditChain.Append(e.PreviousHash, e.Sequence, e.Time, e.Agent, e.Role, e.Action, e.Address, e.Outcome, e.Detail);

        return rehashed.Hash != original.Hash;
    }

    [Fact]
    public void Append_KeepsTheFieldsAndLinksToThePreviousHash()
    {
        var entry = AuditChain.Append(Chain[^1].Hash, 101, T0, "claude-1", "backend_developer", AuditAction.Read, Address, AuditOutcomes.Allowed, "version 3");

        Assert.Equal(
            new AuditEntry(101, T0, "claude-1", "backend_developer", AuditAction.Read, Address, AuditOutcomes.Allowed, "version 3", Chain[^1].Hash, entry.Hash),
            entry);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.True(AuditChain.Verify([.. Chain, entry]).IsIntact);
    }

    [Fact]
    public void Append_TimeInAnotherOffset_IsStoredInUtcTruncatedToWholeMicroseconds()
    {
        var local = new DateTimeOffset(2024, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var entry = Entry(time: local);

        Assert.Equal(TimeSpan.Zero, entry.Time.Offset);
        Assert.Equal(T0.AddTicks(1_234_560), entry.Time);
        Assert.Equal(Entry(time: T0.AddTicks(1_234_560)).Hash, entry.Hash);
    }

    [Fact]
    public void Append_NullAndEmptyAddress_HashDifferently() =>
        Assert.NotEqual(Entry(address: null).Hash, Entry(address: "").Hash);

    [Fact]
    public void Append_NullAndEmptyDetail_HashDifferently() =>
        Assert.NotEqual(Entry(detail: null).Hash, Entry(detail: "").Hash);

    [Fact]
    public void Append_TextMovedAcrossAFieldBoundary_HashesDifferently() =>
        Assert.NotEqual(Entry(agent: "ab", role: "c").Hash, Entry(agent: "a", role: "bc").Hash);

    [Fact]
    public void Append_SameInputs_HashTheSame() =>
        Assert.Equal(Entry().Hash, Entry().Hash);

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000A")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000g")]
    public void Append_PreviousHashNot64LowercaseHexDigits_Throws(string previousHash) =>
        Assert.Throws<ArgumentException>(() => Entry(previousHash: previousHash));

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Append_SequenceBelowOne_Throws(long sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Entry(sequence: sequence));

    [Theory]
    [InlineData("READ")]
    [InlineData("")]
    [InlineData("upload")]
    public void Append_UnknownAction_Throws(string action) =>
        Assert.Throws<ArgumentException>(() => Entry(action: action));

    [Theory]
    [InlineData("Allowed")]
    [InlineData("ok")]
    public void Append_UnknownOutcome_Throws(string outcome) =>
        Assert.Throws<ArgumentException>(() => Entry(outcome: outcome));

    [Fact]
    public void Append_LoneSurrogate_Throws() =>
        Assert.Throws<ArgumentException>(() => Entry(detail: "bad \udc00"));

    [Fact]
    public void Append_NullAgent_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Entry(agent: null!));

    private static AuditEntry Entry(
        string previousHash = AuditChain.GenesisHash,
        long sequence = 1,
        DateTimeOffset? time = null,
        string agent = "claude-1",
        string role = "backend_developer",
        string action = AuditAction.Read,
        string? address = Address,
        string outcome = AuditOutcomes.Allowed,
        string? detail = null) =>
        AuditChain.Append(previousHash, sequence, time ?? T0, agent, role, action, address, outcome, detail);

    private static IEnumerable<AuditEntry> ThrowAfter(IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            yield return entry;
        }

        throw new InvalidOperationException("Verify read past the first break.");
    }
}
