using Microsoft.AspNetCore.WebUtilities;

namespace Slurp.Host.Api;

/// <summary>
/// Every error the front door answers, as RFC 9457 problem+json. The <c>type</c> names the kind of
/// problem so clients can branch on it; <c>detail</c> says what exactly was wrong.
/// </summary>
internal static class Problems
{
    private const string TypeBase = "urn:slurp:problem:";

    public static IResult BadRequest(string slug, string title, string detail) => Create(400, slug, title, detail);

    public static IResult Validation(IDictionary<string, string[]> errors, string detail = "the request body is not valid") =>
        TypedResults.ValidationProblem(errors, detail, type: TypeBase + "validation", title: "The request is not valid");

    public static IResult InvalidAddress(string detail) => Create(400, "invalid-address", "The UCXL address is not valid", detail);

    public static IResult Unauthorized(string detail) => Create(401, "unauthorized", "Authentication is required", detail);

    public static IResult Forbidden(string detail) => Create(403, "forbidden", "The caller may not do this", detail);

    public static IResult NotFound(string detail) => Create(404, "not-found", "Not found", detail);

    public static IResult Conflict(string detail) => Create(409, "conflict", "The request conflicts with the current state", detail);

    public static IResult Gone(string detail) => Create(410, "gone", "The context was deleted", detail);

    public static IResult TooLarge(long max) =>
        Create(413, "body-too-large", "The request body is too large", $"the body exceeds Slurp:Api:MaxBodyBytes ({max} bytes)");

    public static IResult UnsupportedMediaType(string detail) => Create(415, "unsupported-media-type", "Send JSON", detail);

    public static IResult IdempotencyMismatch(string detail) =>
        Create(422, "idempotency-key-reused", "The Idempotency-Key was used with another request", detail);

    public static IResult Unavailable(string detail) => Create(503, "unavailable", "The service is not ready", detail);

    public static IResult Sealed() => Create(503, "sealed", "The store is sealed",
        "this silo is sealed: submit unseal key shares to POST /v1/sys/unseal (see GET /v1/sys/seal-status)");

    /// <summary>
    /// Gives the problems the framework writes itself (no such route, a content type the route does not accept,
    /// an unhandled exception) the <c>detail</c> that every problem of the API carries.
    /// </summary>
    public static void AddMissingDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint answers {request.Method} {request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}",
            StatusCodes.Status415UnsupportedMediaType =>
                $"Content-Type '{request.ContentType}' is not accepted here; send application/json",
            StatusCodes.Status500InternalServerError => "the server failed to answer this request; the error is logged",
            { } status => ReasonPhrases.GetReasonPhrase(status),
            null => "the request failed",
        };
    }

    private static IResult Create(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + slug);
}
