using Microsoft.AspNetCore.Http.HttpResults;

namespace Slurp.Host.Audit;

/// <summary>Shorthands that record a decision and hand back the answer that goes with it.</summary>
internal static class AuditDecisions
{
    /// <summary>Records a denial (an access violation) and returns the 403 to send.</summary>
    public static async Task<IResult> DenyAsync(this AuditTrail audit, HttpContext http, string action, string? address, string role, IResult problem)
    {
        await audit.DeniedAsync(http, action, address, role, DetailOf(problem));
        return problem;
    }

    /// <summary>Records a request that failed for a reason other than access (404, 409, 410) and returns its answer.</summary>
    public static async Task<IResult> FailAsync(this AuditTrail audit, HttpContext http, string action, string? address, string role, IResult problem)
    {
        await audit.FailedAsync(http, action, address, role, DetailOf(problem));
        return problem;
    }

    private static string? DetailOf(IResult result) => (result as ProblemHttpResult)?.ProblemDetails.Detail;
}
