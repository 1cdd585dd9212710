namespace Slurp.Postgres.Tests.Cluster;

/// <summary>Keeps <see cref="ProbeState"/> in the ADO.NET storage <c>context</c> and ticks on an ADO.NET reminder.</summary>
public sealed class ProbeGrain(
    [PersistentState(ProbeGrain.StateName, PostgresClusterFixture.ContextStorage)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain, IRemindable
{
    public const string StateName = "probe";
    public const string ReminderName = "tick";

    private int _ticks;

    public Task<ProbeState> GetAsync() => Task.FromResult(state.State);

    public async Task SetAsync(string value)
    {
        state.State = state.State with { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTickingAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task StopTickingAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public async Task<bool> IsTickingAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            _ticks++;
        }

        return Task.CompletedTask;
    }
}
