using Orleans.Runtime.Placement;

namespace Slurp.Grains.Seal;

/// <summary>
/// A grain that needs the master key on a sealed silo leaves it, so that the cluster's other silos keep serving it:
/// without this, sealing one silo left every node active there unreadable through every front door until that silo
/// was unsealed again. The call that met the seal still fails (<see cref="SealedException"/>); the front door of an
/// unsealed silo retries it (TransientFailureRetry) with itself as Orleans' placement hint, and the retried call that
/// reaches the grain here migrates it to that silo. Migration, not deactivation: after a deactivation the next call
/// routed here by a caller's directory cache would activate the grain here again; after a migration the directory
/// names the new silo and such a call is forwarded there. A <see cref="SealedException"/> from a grain on another
/// silo is passed on as it is: the calling grain is not the one that cannot decrypt.
/// </summary>
public sealed class SealedSiloHandover(SealVault vault, ILocalSiloDetails silo) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Every grain call passes here: no await (and no state machine) for the ones that are already done.
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? call : HandOverIfSealedAsync(call, context);
    }

    private async Task HandOverIfSealedAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (SealedException) when (vault.IsSealed)
        {
            if (RequestContext.Get(IPlacementDirector.PlacementHintKey) is SiloAddress unsealed && !unsealed.Equals(silo.SiloAddress))
            {
                context.TargetContext.Migrate(new() { [IPlacementDirector.PlacementHintKey] = unsealed });
            }
            else
            {
                context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "this silo is sealed"));
            }

            throw;
        }
    }
}
