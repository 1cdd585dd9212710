using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Slurp.Host.Configuration;

namespace Slurp.Api.Tests.Hosting;

/// <summary>The host's configuration files are read once: no reload-on-change watch unless the caller asks for one.</summary>
public sealed class StartupArgumentsTests
{
    [Fact]
    public void TheHostsConfigurationFilesAreNotWatched()
    {
        var files = FileSources(StartupArguments.WithoutConfigReload([]));

        Assert.NotEmpty(files);
        Assert.All(files, source => Assert.False(source.ReloadOnChange, source.Path));
    }

    [Fact]
    public void WithoutItAspNetCoreWouldWatchThem() =>
        Assert.Contains(FileSources([]), source => source.ReloadOnChange);

    [Fact]
    public void AValueTheCallerGivesWins() =>
        Assert.Contains(FileSources(StartupArguments.WithoutConfigReload([$"--{StartupArguments.ReloadKey}=true"])), source => source.ReloadOnChange);

    [Fact]
    public void TheCallersArgumentsFollowUnchanged()
    {
        string[] args = ["--urls", "http://127.0.0.1:5999", "--Slurp:DataDir=x"];

        var result = StartupArguments.WithoutConfigReload(args);

        Assert.Equal(args, result[1..]);
        Assert.Equal("x", WebApplication.CreateBuilder(result).Configuration["Slurp:DataDir"]);
    }

    private static List<FileConfigurationSource> FileSources(string[] args) =>
        ((IConfigurationRoot)WebApplication.CreateBuilder(args).Configuration).Providers
            .OfType<FileConfigurationProvider>().Select(p => p.Source).ToList();
}
