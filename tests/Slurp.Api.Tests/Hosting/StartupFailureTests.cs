using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Slurp.Host.Configuration;
using Slurp.Storage.Postgres;

namespace Slurp.Api.Tests.Hosting;

/// <summary>
/// A start refused for a setting, a file or the database is told in one sentence, through the wrappers of the host
/// and the silo's lifecycle; a fault in the code is not mistaken for one (it keeps its stack trace).
/// </summary>
public sealed class StartupFailureTests
{
    public static TheoryData<Exception> Explained => new()
    {
        new StartupConfigurationException("Slurp:Seal:Mode 'magic' is not known"),
        new InvalidOperationException("lifecycle stage failed", new StartupConfigurationException("Slurp:Seal:Mode 'magic' is not known")),
        new AggregateException(new InvalidOperationException("wrapped", new StartupConfigurationException("Slurp:Seal:Mode 'magic' is not known"))),
    };

    [Theory]
    [MemberData(nameof(Explained))]
    public void TheOperatorsSentenceIsFoundInsideItsWrappers(Exception exception) =>
        Assert.Equal("Slurp:Seal:Mode 'magic' is not known", StartupFailure.Explain(exception));

    [Fact]
    public async Task TheDatabaseOutOfReachIsAStartupProblem()
    {
        // Port 1 on loopback: refused at once, the schema check's own error.
        var error = await Assert.ThrowsAsync<PostgresSchemaException>(() =>
            PostgresSchema.ApplyAsync("Host=127.0.0.1;Port=1;Database=slurp;Username=slurp;Timeout=2", CancellationToken.None));

        Assert.Equal(error.Message, StartupFailure.Explain(new InvalidOperationException("start failed", error)));
        Assert.Contains("unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionRefusedByItsValidationIsAStartupProblem()
    {
        var refused = new OptionsValidationException("Slurp", typeof(object), ["Slurp:Api:MaxBodyBytes must be positive"]);

        Assert.Equal("Slurp:Api:MaxBodyBytes must be positive", StartupFailure.Explain(refused));
    }

    [Fact]
    public void ASettingOfTheWrongTypeIsAStartupProblem()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Slurp:Api:MaxBodyBytes"] = "lots" })
            .Build();

        var error = Assert.ThrowsAny<InvalidOperationException>(() => configuration.GetSection("Slurp").Get<SlurpOptions>());

        Assert.Contains("'Slurp:Api:MaxBodyBytes'", StartupFailure.Explain(error), StringComparison.Ordinal);
    }

    [Fact]
    public void AFaultInTheCodeIsNotExplainedAway()
    {
        Assert.Null(StartupFailure.Explain(new InvalidOperationException("Sequence contains no elements")));
        Assert.Null(StartupFailure.Explain(new AggregateException(new NullReferenceException())));
    }

    [Theory]
    [InlineData("hunter2")]
    [InlineData("Host=127.0.0.1;Passwrd=hunter2")]
    public void AConnectionStringThatDoesNotParseIsRefusedWithoutShowingIt(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Slurp"] = value })
            .Build();

        var error = Assert.Throws<StartupConfigurationException>(() => Slurp.Host.Silo.PostgresProfile.ConnectionString(configuration));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Slurp", error.Message, StringComparison.Ordinal);
    }
}
