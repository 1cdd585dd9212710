using Microsoft.Extensions.DependencyInjection;
using Slurp.Grains.Audit;
using Slurp.Grains.Hosting;

namespace Slurp.Grains.Tests;

/// <summary>The silo services every test cluster shares: seal vault, role keys, reminders, an audit sink.</summary>
internal static class TestSilos
{
    /// <summary>How often each role key grain's reminder checks its key.</summary>
    public static readonly TimeSpan RotationCheckPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The wait, on the grains' clock, between a rotation and its re-wrap pass.</summary>
    public static readonly TimeSpan RewrapGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Registers <paramref name="clock"/> as the grains' clock, the Slurp grain services with short key
    /// periods, the in-memory reminder service (periods down to 100 ms) and <typeparamref name="TAuditSink"/>.
    /// </summary>
    public static ISiloBuilder AddSlurpTestServices<TAuditSink>(this ISiloBuilder silo, TimeProvider clock)
        where TAuditSink : class, IAuditSink
    {
        silo.Services.AddSingleton<TimeProvider>(clock);
        silo.Services.AddSlurpGrainServices(keys =>
        {
            keys.RotationCheckPeriod = RotationCheckPeriod;
            keys.RewrapGrace = RewrapGrace;
        });
        silo.Services.AddSingleton<IAuditSink, TAuditSink>();
        silo.UseInMemoryReminderService();
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
        return silo;
    }
}
