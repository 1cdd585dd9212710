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
    }
}

/// <summary>Endpoint metadata: the route serves context and answers 503 while this silo is sealed.</summary>
internal sealed class RequiresUnsealed;
