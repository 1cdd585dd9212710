using Slurp.Abstractions.Context;
using Slurp.Host.Api;

namespace Slurp.Host.Context;

/// <summary>Maps the failure statuses of node commands to problem answers.</summary>
internal static class MutationAnswers
{
    public static IResult? ProblemFor(MutationResult result) => result.Status switch
    {
        MutationStatus.Conflict => Problems.Conflict(result.Detail ?? "conflict"),
        MutationStatus.BranchNotFound or MutationStatus.NotFound => Problems.NotFound(result.Detail ?? "not found"),
        MutationStatus.Gone => Problems.Gone(result.Detail ?? "the node was deleted"),
        MutationStatus.IdempotencyMismatch => Problems.IdempotencyMismatch(result.Detail ?? "Idempotency-Key reused"),
        _ => null,
    };
}
