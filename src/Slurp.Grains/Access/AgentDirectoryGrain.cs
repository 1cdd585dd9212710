using Slurp.Abstractions.Access;

namespace Slurp.Grains.Access;

/// <summary>Registers agents and answers "whose token is this" by the token's hash.</summary>
public sealed class AgentDirectoryGrain(
    [PersistentState("agents", StorageNames.Access)] IPersistentState<AgentDirectoryState> state,
    TimeProvider clock) : Grain, IAgentDirectoryGrain
{
    // Derived from state on activation: token hash → active agent.
    private readonly Dictionary<string, AgentRecord> _byToken = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var agent in state.State.Agents.Values.Where(a => a.RevokedAt is null))
        {
            _byToken[agent.TokenHash] = agent;
        }

        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(AgentRecord agent, CancellationToken cancellationToken = default)
    {
        var previous = state.State.Agents.GetValueOrDefault(agent.AgentId);
        if (previous is { RevokedAt: null })
        {
            return false;
        }

        state.State.Agents[agent.AgentId] = agent;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Restore(agent.AgentId, previous);
            throw;
        }

        _byToken[agent.TokenHash] = agent;
        return true;
    }

    public async Task<bool> RevokeAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (state.State.Agents.GetValueOrDefault(agentId) is not { RevokedAt: null } active)
        {
            return false;
        }

        state.State.Agents[agentId] = active with { RevokedAt = clock.GetUtcNow() };
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Restore(agentId, active);
            throw;
        }

        _byToken.Remove(active.TokenHash);
        return true;
    }

    public Task<AgentRecord?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byToken.GetValueOrDefault(tokenHash));

    private void Restore(string agentId, AgentRecord? previous)
    {
        if (previous is null)
        {
            state.State.Agents.Remove(agentId);
        }
        else
        {
            state.State.Agents[agentId] = previous;
        }
    }
}
