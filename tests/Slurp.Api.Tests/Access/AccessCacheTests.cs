using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Slurp.Abstractions.Access;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;

namespace Slurp.Api.Tests.Access;

/// <summary>
/// AccessCache on its own, against stand-in directory and catalog grains and a clock the test moves: what it
/// remembers, for how long, and what it never keeps.
/// </summary>
public sealed class AccessCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly StandInGrains _grains = new();

    private AccessCache Cache(int milliseconds = 1000) =>
        new(_grains.Factory, Options.Create(new SlurpOptions { Auth = new AuthOptions { CacheMilliseconds = milliseconds } }), _clock);

    [Fact]
    public async Task TheCatalogIsAskedOncePerLifetime()
    {
        var cache = Cache();

        await cache.CatalogAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        await cache.CatalogAsync(CancellationToken.None);
        Assert.Equal(1, _grains.CatalogCalls);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await cache.CatalogAsync(CancellationToken.None);
        Assert.Equal(2, _grains.CatalogCalls);
    }

    [Fact]
    public async Task AnAgentRevokedElsewhereIsRefusedOnceItsCopyExpires()
    {
        var cache = Cache();
        _grains.Agents["h1"] = Agent("a1", "h1");
        Assert.NotNull(await cache.FindAgentAsync("h1", CancellationToken.None));

        // Revoked through another silo: this one does not hear of it, and serves its copy for the rest of its lifetime.
        _grains.Agents.Remove("h1");
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.NotNull(await cache.FindAgentAsync("h1", CancellationToken.None));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(await cache.FindAgentAsync("h1", CancellationToken.None));
    }

    [Fact]
    public async Task InvalidatingForgetsBothCopiesAtOnce()
    {
        var cache = Cache();
        _grains.Agents["h1"] = Agent("a1", "h1");
        await cache.CatalogAsync(CancellationToken.None);
        await cache.FindAgentAsync("h1", CancellationToken.None);
        _grains.Agents.Remove("h1");

        cache.Invalidate();

        Assert.Null(await cache.FindAgentAsync("h1", CancellationToken.None));
        await cache.CatalogAsync(CancellationToken.None);
        Assert.Equal(2, _grains.CatalogCalls);
    }

    [Fact]
    public async Task ACopyFetchedAcrossAnInvalidationIsNotKept()
    {
        var cache = Cache();
        var release = new TaskCompletionSource();
        _grains.CatalogGate = release.Task;

        // The fetch began before the change it may not contain: it answers its request but is not remembered.
        var fetching = cache.CatalogAsync(CancellationToken.None);
        cache.Invalidate();
        release.SetResult();
        await fetching;
        _grains.CatalogGate = Task.CompletedTask;
        await cache.CatalogAsync(CancellationToken.None);

        Assert.Equal(2, _grains.CatalogCalls);
    }

    [Fact]
    public async Task AnUnknownTokenIsNeverRememberedSoANewAgentWorksAtOnce()
    {
        var cache = Cache();
        Assert.Null(await cache.FindAgentAsync("h2", CancellationToken.None));
        Assert.Null(await cache.FindAgentAsync("h2", CancellationToken.None));
        Assert.Equal(2, _grains.AgentCalls);

        _grains.Agents["h2"] = Agent("a2", "h2");

        Assert.Equal("a2", (await cache.FindAgentAsync("h2", CancellationToken.None))!.AgentId);
    }

    [Fact]
    public async Task ZeroMillisecondsMeansNoCopies()
    {
        var cache = Cache(milliseconds: 0);
        _grains.Agents["h1"] = Agent("a1", "h1");

        for (var i = 0; i < 3; i++)
        {
            await cache.CatalogAsync(CancellationToken.None);
            await cache.FindAgentAsync("h1", CancellationToken.None);
        }

        Assert.Equal(3, _grains.CatalogCalls);
        Assert.Equal(3, _grains.AgentCalls);
    }

    [Fact]
    public async Task TheNumberOfRememberedAgentsIsBounded()
    {
        var cache = Cache();
        for (var i = 0; i <= AccessCache.MaxAgents; i++)
        {
            _grains.Agents[$"h{i}"] = Agent($"a{i}", $"h{i}");
            await cache.FindAgentAsync($"h{i}", CancellationToken.None);
        }

        // Over the bound the copies started over: the first agent is asked for again, the last is still known.
        var calls = _grains.AgentCalls;
        await cache.FindAgentAsync($"h{AccessCache.MaxAgents}", CancellationToken.None);
        Assert.Equal(calls, _grains.AgentCalls);
        await cache.FindAgentAsync("h0", CancellationToken.None);
        Assert.Equal(calls + 1, _grains.AgentCalls);
    }

    private static AgentRecord Agent(string id, string hash) =>
        new() { AgentId = id, Roles = ["backend_developer"], TokenHash = hash, CreatedAt = DateTimeOffset.UnixEpoch };

    /// <summary>An IGrainFactory that knows two grains: a catalog with one role and a directory of <see cref="Agents"/>.</summary>
    private sealed class StandInGrains : IRoleCatalogGrain, IAgentDirectoryGrain
    {
        public StandInGrains()
        {
            Factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
            ((FactoryProxy)(object)Factory).Grains = this;
        }

        public IGrainFactory Factory { get; }

        public Dictionary<string, AgentRecord> Agents { get; } = new(StringComparer.Ordinal);

        public Task CatalogGate { get; set; } = Task.CompletedTask;

        public int CatalogCalls { get; private set; }

        public int AgentCalls { get; private set; }

        public async Task<RoleRecord[]> GetRolesAsync(CancellationToken cancellationToken = default)
        {
            CatalogCalls++;
            await CatalogGate;
            return [new RoleRecord { Name = "backend_developer", AccessLevel = "medium", Scopes = ["/src/**"], CanWrite = true }];
        }

        public Task<AgentRecord?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
        {
            AgentCalls++;
            return Task.FromResult(Agents.GetValueOrDefault(tokenHash));
        }

        public Task<bool> PutRoleAsync(RoleRecord role, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> CreateAsync(AgentRecord agent, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RevokeAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>Answers GetGrain&lt;T&gt;(string key) for the two interfaces; any other call is a test bug.</summary>
    public class FactoryProxy : DispatchProxy
    {
        internal object? Grains { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.ReturnType.IsInstanceOfType(Grains)
                ? Grains
                : throw new NotSupportedException($"{targetMethod} is not stood in for");
    }
}

/// <summary>A negative <c>Slurp:Auth:CacheMilliseconds</c> stops the host at start with a message that names the option.</summary>
public sealed class AccessCacheOptionTests
{
    [Fact]
    public async Task ANegativeLifetimeIsRefusedAtStart()
    {
        await using var factory = new NegativeCacheFactory();

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Slurp:Auth:CacheMilliseconds", error.Message);
    }

    private sealed class NegativeCacheFactory : Infrastructure.SlurpApiFactory
    {
        protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Slurp:Auth:CacheMilliseconds", "-1")];
    }
}
