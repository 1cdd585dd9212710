namespace Slurp.Abstractions.Access;

/// <summary>The registered agents and their token hashes (one grain, key <see cref="Key"/>).</summary>
[Alias("slurp.IAgentDirectoryGrain")]
public interface IAgentDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "directory/agents";

    /// <summary>Registers an agent; false when an active agent with that id exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(AgentRecord agent, CancellationToken cancellationToken = default);

    /// <summary>Revokes an agent's token; false when there is no active agent with that id.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>The active agent holding the token with this hash, or null.</summary>
    [Alias("FindByTokenHash"), ReadOnly]
    Task<AgentRecord?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default);
}
