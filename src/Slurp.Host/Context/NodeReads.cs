using Slurp.Abstractions.Context;
using Slurp.Host.Api;

namespace Slurp.Host.Context;

/// <summary>Maps a node grain's read status to the HTTP answer.</summary>
internal static class NodeReads
{
    public static IResult? ProblemFor(ReadResult result) => result.Status switch
    {
        ReadStatus.Found => null,
        ReadStatus.Gone => Problems.Gone(result.Detail ?? "the node was deleted"),
        _ => Problems.NotFound(result.Detail ?? "not found"),
    };

    public static TemporalRequest ToRequest(Slurp.Domain.Addresses.TemporalSelector? selector) => selector is null
        ? TemporalRequest.Latest
        : new TemporalRequest { Kind = selector.Kind.ToString(), N = selector.N, Instant = selector.Instant };

    /// <summary>Whether any of the roles may read some layer of the version (its base list or its own overlay).</summary>
    public static bool CanSee(StoredVersion version, IReadOnlySet<string> roles) =>
        version.Readers.Any(roles.Contains) || version.Layers.Any(l => l.Readers.Any(roles.Contains));
}
