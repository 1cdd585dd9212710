using Slurp.Domain.Context;

namespace Slurp.Domain.Tests.Context;

public sealed class ContextDataNormalizerTests
{
    private static string[] Errors(ContextData data) => Fields(ContextDataNormalizer.Validate(data));

    private static string[] Fields(IEnumerable<ContextDataError> errors) => [.. errors.Select(error => error.Field)];

    [Fact]
    public void RemovingDuplicatesKeepsTheFirstOfEach()
    {
        var normalized = ContextDataNormalizer.RemoveDuplicates(new ContextData
        {
            Technologies = ["go", "grpc", "go"],
            Tags = ["b", "a", "b", "a"],
            Insights = ["x", "x"],
        });

        Assert.Equal(["go", "grpc"], normalized.Technologies);
        Assert.Equal(["b", "a"], normalized.Tags);
        Assert.Equal(["x"], normalized.Insights);
    }

    [Fact]
    public void ValuesThatDifferOnlyInCaseOrWhitespaceAreNotDuplicates()
    {
        var normalized = ContextDataNormalizer.RemoveDuplicates(new ContextData { Tags = ["Go", "go", " go", "go "] });

        Assert.Equal(["Go", "go", " go", "go "], normalized.Tags);
    }

    [Fact]
    public void RemovingDuplicatesLeavesSummaryAndPurposeUntouched()
    {
        var normalized = ContextDataNormalizer.RemoveDuplicates(new ContextData { Summary = "  padded  ", Purpose = "" });

        Assert.Equal("  padded  ", normalized.Summary);
        Assert.Equal("", normalized.Purpose);
    }

    [Fact]
    public void ValidDataHasNoErrors()
    {
        var errors = Errors(new ContextData
        {
            Summary = "line one\nline two\r\n\tindented",
            Purpose = "users endpoint",
            Technologies = ["go", "!rust"],
            Tags = ["dht"],
            Insights = ["emoji are fine 🚀"],
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void SummaryOfExactly64KiBIsAccepted()
    {
        Assert.Empty(Errors(new ContextData { Summary = new string('a', 64 * 1024) }));
    }

    [Fact]
    public void SummaryOver64KiBOfUtf8IsRejected()
    {
        // 32,769 two-byte characters: fewer than 64 Ki chars, but 65,538 bytes.
        var errors = Errors(new ContextData { Summary = new string('é', 32 * 1024 + 1) });

        Assert.Equal(["context_data.summary"], errors);
    }

    [Fact]
    public void PurposeOver64KiBIsRejected()
    {
        var errors = Errors(new ContextData { Purpose = new string('a', 64 * 1024 + 1) });

        Assert.Equal(["context_data.purpose"], errors);
    }

    [Fact]
    public void EmptyItemIsRejectedAtItsIndex()
    {
        var errors = Errors(new ContextData { Tags = ["a", "b", "c", ""] });

        Assert.Equal(["context_data.tags[3]"], errors);
    }

    [Fact]
    public void BangAloneIsRejected()
    {
        var errors = Errors(new ContextData { Technologies = ["go", "!"] });

        Assert.Equal(["context_data.technologies[1]"], errors);
    }

    [Fact]
    public void WhitespaceOnlyItemIsAccepted()
    {
        Assert.Empty(Errors(new ContextData { Insights = [" "] }));
    }

    [Fact]
    public void ControlCharacterInAnItemIsRejectedWithItsCodePoint()
    {
        var errors = ContextDataNormalizer.Validate(new ContextData { Insights = ["fine", "bell\u0007"] });

        var error = Assert.Single(errors);
        Assert.Equal("context_data.insights[1]", error.Field);
        Assert.Contains("U+0007", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharacterInTheSummaryIsRejected()
    {
        var errors = Errors(new ContextData { Summary = "nul\0" });

        Assert.Equal(["context_data.summary"], errors);
    }

    [Fact]
    public void UnpairedSurrogateIsRejected()
    {
        var errors = Errors(new ContextData { Tags = ["ok", "\ud800x"] });

        Assert.Equal(["context_data.tags[1]"], errors);
    }

    [Fact]
    public void ListOfExactlyAThousandItemsIsAccepted()
    {
        var tags = Enumerable.Range(0, 1000).Select(i => $"t{i}").ToArray();

        Assert.Empty(Errors(new ContextData { Tags = tags }));
    }

    [Fact]
    public void ListOverAThousandItemsIsRejectedOnceForTheWholeList()
    {
        var tags = Enumerable.Range(0, 1001).Select(_ => "").ToArray();

        var errors = Errors(new ContextData { Tags = tags });

        Assert.Equal(["context_data.tags"], errors);
    }

    [Fact]
    public void NullListIsRejected()
    {
        var errors = Errors(new ContextData { Technologies = null! });

        Assert.Equal(["context_data.technologies"], errors);
    }

    [Fact]
    public void NullItemIsRejectedAtItsIndex()
    {
        var errors = Errors(new ContextData { Insights = ["a", null!] });

        Assert.Equal(["context_data.insights[1]"], errors);
    }

    [Fact]
    public void ErrorsAreListedInFieldOrder()
    {
        var errors = Errors(new ContextData
        {
            Insights = [""],
            Tags = ["!"],
            Summary = "\u0001",
            Technologies = ["", "ok", ""],
        });

        Assert.Equal(
            ["context_data.summary", "context_data.technologies[0]", "context_data.technologies[2]", "context_data.tags[0]", "context_data.insights[0]"],
            errors);
    }

    [Fact]
    public void OverlayErrorsCarryTheOverlayPath()
    {
        var errors = ContextDataNormalizer.Validate(
            new ContextData { Insights = [""] },
            "role_overlays.senior_architect");

        Assert.Equal(["role_overlays.senior_architect.insights[0]"], Fields(errors));
    }

    [Fact]
    public void NormalizeReportsTheErrorsAndRemovesDuplicates()
    {
        var normalized = ContextDataNormalizer.Normalize(new ContextData { Tags = ["dht", "", "dht"] });

        Assert.Equal(["context_data.tags[1]"], Fields(normalized.Errors));
        Assert.Equal(["dht", ""], normalized.Data.Tags);
        Assert.False(normalized.IsValid);
    }

    [Fact]
    public void NormalizeOfValidDataIsValid()
    {
        var normalized = ContextDataNormalizer.Normalize(new ContextData { Tags = ["dht", "dht"] }, "role_overlays.auditor");

        Assert.True(normalized.IsValid);
        Assert.Equal(["dht"], normalized.Data.Tags);
    }

    [Fact]
    public void NormalizeOfANullListReportsItInsteadOfThrowing()
    {
        var normalized = ContextDataNormalizer.Normalize(new ContextData { Insights = null! });

        Assert.Equal(["context_data.insights"], Fields(normalized.Errors));
        Assert.Empty(normalized.Data.Insights);
    }
}
