using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Orleans.Storage;
using Slurp.Grains.Seal;
using Slurp.Host.Configuration;

namespace Slurp.Host.Api;

/// <summary>
/// Retries a request whose grain call failed for a reason that heals by itself: the silo hosting the grain
/// died (its grains re-activate on survivors once membership declares it dead), a stale activation lost an
/// ETag race (it is dropped and the retry reads fresh state), or the database connection dropped. Retries
/// back off up to <c>Slurp:Api:TransientRetrySeconds</c>; after that the answer is 503, never 500. A retried
/// write cannot apply twice: the node compares content hashes (an identical retry is "unchanged") and
/// honours Idempotency-Key.
/// </summary>
internal sealed partial class TransientFailureRetry(
    IOptions<SlurpOptions> options, SealVault vault, ILocalSiloDetails silo, ILogger<TransientFailureRetry> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.Value.Api.TransientRetrySeconds);
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when ((IsTransient(ex) || MovesOffASealedSilo(ex)) && !http.RequestAborted.IsCancellationRequested)
            {
                if (MovesOffASealedSilo(ex))
                {
                    // The grain is on a sealed silo: with this hint in the retried call, it migrates here, where the key
                    // is held (SealedSiloHandover); Orleans' placement directors honour the hint.
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
                }

                if (DateTimeOffset.UtcNow + delay > deadline || http.Response.HasStarted)
                {
                    LogGaveUp(ex, http.Request.Path, attempt);
                    return Problems.Unavailable("the cluster is recovering from a failed or sealed silo or a lost database connection; retry shortly");
                }

                LogRetrying(http.Request.Path, attempt, ex.GetType().Name);
                await Task.Delay(delay, http.RequestAborted);
                // The retried handler gets the body it already read from JsonBodyReader, not from the spent stream.
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    /// <summary>Failures that a later attempt can succeed after, looking through wrappers.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SiloUnavailableException:
                case OrleansMessageRejectionException:
                case InconsistentStateException:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                case Npgsql.NpgsqlException { IsTransient: true }:
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "53300" }:
                    return true;
            }
        }

        return false;
    }

    // Sealed, but this silo is not: the grain is on a sealed silo, and the retry, carrying this silo as the placement
    // hint, moves it here (SealedSiloHandover). On a sealed silo the seal is the answer (ServiceAvailability's 503).
    private bool MovesOffASealedSilo(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is SealedException)
            {
                return !vault.IsSealed;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Path} (attempt {Attempt}) after a transient {Failure}")]
    private partial void LogRetrying(string path, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {Path} after {Attempt} attempts; answering 503")]
    private partial void LogGaveUp(Exception exception, string path, int attempt);
}
