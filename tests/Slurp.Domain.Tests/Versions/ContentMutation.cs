namespace Slurp.Domain.Tests.Versions;

/// <summary>One way to change a version's content; each must change its hash.</summary>
public enum ContentMutation
{
    Summary,
    Purpose,
    Technologies,
    Tags,
    Insights,
    Classification,
    ReaderAdded,
    ReaderRemoved,
    OverlayAdded,
    OverlayRemoved,
    OverlayChanged,
    ItemMovedBetweenLists,
    ItemsReordered,
}
