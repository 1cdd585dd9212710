using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Placement;
using Slurp.Grains.Hosting;
using Slurp.Host.Configuration;
using Slurp.Host.Silo;

namespace Slurp.Api.Tests.Hosting;

/// <summary><c>Slurp:Cluster:NodePlacement</c>: what it accepts, how it refuses, and what each value registers.</summary>
public sealed class NodePlacementSettingTests
{
    [Theory]
    [InlineData(null, NodePlacement.Local)]
    [InlineData("", NodePlacement.Local)]
    [InlineData("Local", NodePlacement.Local)]
    [InlineData(" local ", NodePlacement.Local)]
    [InlineData("Balanced", NodePlacement.Balanced)]
    [InlineData("BALANCED", NodePlacement.Balanced)]
    public void TheAcceptedValuesParseWhateverTheirCase(string? text, NodePlacement expected) =>
        Assert.Equal(expected, NodePlacementSetting.Parse(text));

    [Theory]
    [InlineData("Nearby")]
    [InlineData("0")]
    [InlineData("Local,Balanced")]
    public void AnUnknownValueNamesItselfAndTheAcceptedOnes(string text)
    {
        var error = Assert.Throws<StartupConfigurationException>(() => NodePlacementSetting.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Local", error.Message, StringComparison.Ordinal);
        Assert.Contains("Balanced", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NodePlacement.Local, true)]
    [InlineData(NodePlacement.Balanced, false)]
    public void OnlyLocalRegistersTheNodeResolverOnTheClusterProfile(NodePlacement placement, bool registered)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Slurp"] = "Host=127.0.0.1;Database=slurp" })
            .Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => PostgresProfile.Configure(silo, new SlurpOptions(), placement, configuration));

        var resolvers = builder.Services.Where(d => d.ServiceType == typeof(IPlacementStrategyResolver)).Select(d => d.ImplementationInstance);

        Assert.Equal(registered, resolvers.OfType<ContextNodePlacementResolver>().Any());
    }

    [Fact]
    public void AMisspeltValueFailsTheEmbeddedDefaultsStartToo()
    {
        var builder = WebApplication.CreateBuilder(["--Slurp:Cluster:NodePlacement=Nearby", "--Slurp:Storage:Provider=Memory"]);

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddSlurpSilo());

        Assert.Contains("Slurp:Cluster:NodePlacement 'Nearby'", error.Message, StringComparison.Ordinal);
    }
}
