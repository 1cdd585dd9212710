using System.Xml.Linq;
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
    public void TheRestoreLayerCopiesEveryProjectTheHostBuildsFrom()
    {
        var buildStage = Dockerfile.Stages(_text)[0].ToList();
        var copied = buildStage.Where(i => i.Instruction == "COPY").Select(i => i.Arguments.Split(' ')[0]).ToList();
        var restore = buildStage.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));

        Assert.True(restore > 0, "the build stage restores before it copies the sources");
        Assert.All(ProjectsOf("src/Slurp.Host/Slurp.Host.csproj"), project =>
            Assert.True(
                buildStage.Take(restore).Any(i => i.Instruction == "COPY" && i.Arguments.StartsWith(project + " ", StringComparison.Ordinal)),
                $"{project} is referenced by the host but not copied before `dotnet restore`"));
        Assert.Contains("Directory.Packages.props", buildStage.Take(restore).Where(i => i.Instruction == "COPY").SelectMany(i => i.Arguments.Split(' ')));
        Assert.Contains("src/", copied);
        Assert.Contains("appsettings/", copied);
        Assert.Contains("sql/", copied);
    }

    [Fact]
    public void TheHostRunsAsTheImagesNonRootUser()
    {
        var user = Dockerfile.RuntimeStage(_text).Last(i => i.Instruction == "USER").Arguments;

        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
    }

    /// <summary>The project and every project it references, transitively, as paths relative to the repository root.</summary>
    private static IReadOnlyList<string> ProjectsOf(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (found.Contains(current))
            {
                continue;
            }

            found.Add(current);
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryFiles.Root, current))!;
            foreach (var reference in XDocument.Parse(RepositoryFiles.Read(current)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(RepositoryFiles.Relative(path));
            }
        }

        return found;
    }
}
