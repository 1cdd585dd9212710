using Slurp.Deploy.Tests.Infrastructure;

namespace Slurp.Deploy.Tests.Docker;

/// <summary>deploy/Dockerfile: SDK build stage, ASP.NET runtime stage, non-root, the shared appsettings beside the binary.</summary>
public sealed class DockerfileTests
{
    private readonly string _text = RepositoryFiles.Read(RepositoryFiles.Dockerfile);

    [Fact]
    public void ItBuildsWithTheSdkAndRunsOnTheAspNetRuntime()
    {
        var stages = Dockerfile.Instructions(_text).Where(i => i.Instruction == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
    }

    [Fact]
    public void TheRuntimeStageCarriesTheAppSettingsAndStartsTheHost()
    {
        var runtime = Dockerfile.RuntimeStage(_text);

        Assert.Contains(runtime, i => i is ("COPY", var a) && a.StartsWith("appsettings/ ", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i is ("COPY", var a) && a.StartsWith("--from=build ", StringComparison.Ordinal));
        Assert.Equal("[\"dotnet\", \"Slurp.Host.dll\"]", runtime.Last(i => i.Instruction == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void TheHostRunsAsTheImagesNonRootUser()
    {
        var user = Dockerfile.RuntimeStage(_text).Last(i => i.Instruction == "USER").Arguments;

        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
    }
}
