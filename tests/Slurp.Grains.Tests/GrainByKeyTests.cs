using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Abstractions.Keys;
using Slurp.Grains.Keys;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests;

/// <summary><see cref="GrainByKey"/>: the references it builds from learnt types are Orleans' own, and work.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainByKeyTests(ClusterFixture fixture)
{
    private IGrainFactory SiloGrains => fixture.SiloServices.GetRequiredService<IGrainFactory>();

    [Fact]
    public void FirstAndLaterReferencesEqualOrleansOwnForEachInterface()
    {
        var grains = SiloGrains;
        foreach (var key in new[] { UniqueKey().ToGrainKey(), UniqueKey("/src/y").ToGrainKey(), UniqueKey("/").ToGrainKey() })
        {
            var expected = (GrainReference)grains.GetGrain<IContextNodeGrain>(key);
            var actual = (GrainReference)grains.GetGrainByKey<IContextNodeGrain>(key);

            Assert.Equal(expected.GrainId, actual.GrainId);
            Assert.Equal(expected.InterfaceType, actual.InterfaceType);
        }

        // A second interface learns its own types, not the first one's.
        var roleKey = RoleKeyGrain.KeyPrefix + UniqueRole();
        for (var i = 0; i < 2; i++)
        {
            var expected = (GrainReference)grains.GetGrain<IRoleKeyGrain>(roleKey);
            var actual = (GrainReference)grains.GetGrainByKey<IRoleKeyGrain>(roleKey);

            Assert.Equal(expected.GrainId, actual.GrainId);
            Assert.Equal(expected.InterfaceType, actual.InterfaceType);
        }
    }

    [Fact]
    public async Task ALaterReferenceReachesTheSameActivationAsTheFirst()
    {
        var key = UniqueKey().ToGrainKey();
        var written = await SiloGrains.GetGrainByKey<IContextNodeGrain>(key).WriteAsync(Write("h1"));

        var head = await SiloGrains.GetGrainByKey<IContextNodeGrain>(key).GetHeadAsync("main");

        Assert.Equal(MutationStatus.Created, written.Status);
        Assert.Equal(written.Version!.Version, head!.Version);
    }

    [Fact]
    public void AFactoryWhoseReferencesAreNotOrleansOwnIsAskedEveryTime()
    {
        var factory = DispatchProxy.Create<IGrainFactory, CountingFactory>();
        var counting = (CountingFactory)(object)factory;

        factory.GetGrainByKey<IContextNodeGrain>("a");
        factory.GetGrainByKey<IContextNodeGrain>("b");

        Assert.Equal(["GetGrain:a", "GetGrain:b"], counting.Calls);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => GrainByKey.GetGrainByKey<IContextNodeGrain>(null!, "k"));
        Assert.Throws<ArgumentNullException>(() => SiloGrains.GetGrainByKey<IContextNodeGrain>(null!));
    }

    /// <summary>A grain factory test double: records what it was asked and answers with a proxy of its own.</summary>
    public class CountingFactory : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add($"{targetMethod!.Name}:{args?.FirstOrDefault()}");
            var grainType = targetMethod.ReturnType;
            return typeof(DispatchProxy).GetMethod(nameof(Create), 2, Type.EmptyTypes)!
                .MakeGenericMethod(grainType, typeof(NullGrain)).Invoke(null, null);
        }
    }

    /// <summary>A grain proxy that answers nothing (never called in these tests).</summary>
    public class NullGrain : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException();
    }
}
