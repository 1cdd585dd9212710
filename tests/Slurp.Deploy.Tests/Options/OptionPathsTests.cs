namespace Slurp.Deploy.Tests.Options;

/// <summary>The name check itself: real options pass, near misses fail with a reason.</summary>
public sealed class OptionPathsTests
{
    [Theory]
    [InlineData("Slurp__DataDir")]
    [InlineData("Slurp__Storage__Provider")]
    [InlineData("Slurp__Storage__ApplySchema")]
    [InlineData("Slurp__Cluster__SiloPort")]
    [InlineData("slurp__cluster__siloport")]
    [InlineData("Slurp__Cluster__AdvertisedIPAddress")]
    [InlineData("Slurp__Cluster__FastFailureDetection")]
    [InlineData("Slurp__Seal__Mode")]
    [InlineData("Slurp__Seal__UnsealKeyFiles__0")]
    [InlineData("Slurp__Seal__UnsealKeyFiles__12")]
    [InlineData("Slurp__Auth__BootstrapAdminToken")]
    [InlineData("Slurp__Api__TransientRetrySeconds")]
    [InlineData("Slurp__Cascade__MaxDepth")]
    [InlineData("Slurp__Keys__RotationDays")]
    [InlineData("Slurp__Keys__RewrapGrace")]
    [InlineData("Slurp__Roles__qa_engineer__AccessLevel")]
    [InlineData("Slurp__Roles__qa_engineer__Scopes__2")]
    [InlineData("Slurp__Roles__admin__CanWrite")]
    [InlineData("ConnectionStrings__Slurp")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_gcServer")]
    [InlineData("Logging__LogLevel__Default")]
    public void ARealOptionIsAccepted(string name)
    {
        Assert.Null(OptionPaths.Problem(name));
    }

    [Theory]
    [InlineData("Slurp__Cluster__SiloPrt")]
    [InlineData("Slurp__Cluster__SiloPort__0")]
    [InlineData("Slurp__Cluster")]
    [InlineData("Slurp__Clustr__SiloPort")]
    [InlineData("Slurp__Seal__UnsealKeyFiles")]
    [InlineData("Slurp__Seal__UnsealKeyFiles__first")]
    [InlineData("Slurp__Seal__UnsealKeyFile__0")]
    [InlineData("Slurp__Keys__RotationDay")]
    [InlineData("Slurp__Keys")]
    [InlineData("Slurp__Roles")]
    [InlineData("Slurp__Roles__admin")]
    [InlineData("Slurp__Roles__admin__Level")]
    [InlineData("Slurp__Roles__admin__Scopes")]
    [InlineData("Slurp__Cluster__SiloPort__")]
    [InlineData("Slurp___Cluster__SiloPort")]
    [InlineData("Slurp")]
    [InlineData("Slurp_Cluster_SiloPort")]
    [InlineData("SLURP_DATADIR")]
    [InlineData("ConnectionStrings__Default")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("POSTGRES_PASSWORD")]
    public void ANameThatSetsNoOptionIsRejected(string name)
    {
        Assert.NotNull(OptionPaths.Problem(name));
    }

    [Fact]
    public void TheSiloPortTypoIsRejectedWithTheOptionItMeant()
    {
        var problem = OptionPaths.Problem("Slurp__Cluster__SiloPrt");

        Assert.NotNull(problem);
        Assert.Contains("ClusterOptions has no option 'SiloPrt'", problem, StringComparison.Ordinal);
        Assert.Contains("did you mean 'SiloPort'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Slurp__Cluster__SiloPort", "11111", true)]
    [InlineData("Slurp__Cluster__SiloPort", "1111l", false)]
    [InlineData("Slurp__Cluster__ListenOnAnyHostAddress", "true", true)]
    [InlineData("Slurp__Cluster__ListenOnAnyHostAddress", "yes", false)]
    [InlineData("Slurp__Keys__RotationCheckPeriod", "01:00:00", true)]
    [InlineData("Slurp__Keys__RotationCheckPeriod", "an hour", false)]
    public void AValueMustConvertToTheOptionsType(string name, string value, bool converts)
    {
        Assert.Equal(converts, OptionPaths.Problem(name, value) is null);
    }
}
