using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Slurp.Host.Configuration;

/// <summary>Loads the repository's shared <c>appsettings/</c> files beneath every other configuration source.</summary>
internal static class SharedAppSettings
{
    /// <summary>
    /// Inserts <c>appsettings/appsettings.json</c> (and <c>appsettings.{Environment}.json</c>) from the
    /// application folder as the lowest-precedence sources, so the command line and <c>Slurp__*</c>
    /// environment variables still override them.
    /// </summary>
    public static WebApplicationBuilder AddSharedAppSettings(this WebApplicationBuilder builder)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "appsettings");
        if (!Directory.Exists(folder))
        {
            return builder;
        }

        var provider = new PhysicalFileProvider(folder);
        var files = new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" };
        for (var i = files.Length - 1; i >= 0; i--)
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = provider,
                Path = files[i],
                Optional = i > 0,
                ReloadOnChange = false,
            });
        }

        return builder;
    }
}
