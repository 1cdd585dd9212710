using Slurp.Abstractions.Seal;

namespace Slurp.Grains.Seal;

/// <summary>Keeps the seal configuration; the first init wins.</summary>
public sealed class SealConfigGrain(
    [PersistentState("seal", StorageNames.Access)] IPersistentState<SealConfigState> state) : Grain, ISealConfigGrain
{
    public Task<SealConfig?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Config);

    public async Task<bool> InitializeAsync(SealConfig config, CancellationToken cancellationToken = default)
    {
        if (state.State.Config is not null)
        {
            return false;
        }

        state.State.Config = config;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State.Config = null;
            throw;
        }

        return true;
    }
}
