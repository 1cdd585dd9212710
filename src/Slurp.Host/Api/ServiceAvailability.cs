using Slurp.Grains.Audit;
using Slurp.Grains.Seal;
using Slurp.Host.Audit;

namespace Slurp.Host.Api;

/// <summary>
/// Turns "cannot serve now" conditions into 503 problem+json: a sealed silo (checked before the handler
/// for context routes, and raised by grains on other silos) and an audit log that cannot be written.
/// </summary>
internal sealed class ServiceAvailability(SealVault vault) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RequiresUnsealed>() is not null && vault.IsSealed)
        {
            return Problems.Sealed();
        }

        try
        {
            return await next(context);
        }
        catch (SealedException)
        {
            return Problems.Sealed();
        }
        catch (AuditUnavailableException ex)
        {
            return Problems.Unavailable(ex.Message);
        }
        catch (Exception ex) when (Within<AuditedWriteFailedException>(ex) is { } failed)
        {
            // Orleans wraps a storage failure in its own exception; the reason for the 503 is inside.
            return Problems.Unavailable(failed.Message);
        }
    }

    private static T? Within<T>(Exception? exception)
        where T : Exception
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>Endpoint metadata: the route serves context and answers 503 while this silo is sealed.</summary>
internal sealed class RequiresUnsealed;
