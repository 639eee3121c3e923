namespace OrleansSagas.StatesLanguage.Model;

/// <summary>The eight state types of the States Language.</summary>
internal enum StateType
{
    Pass,
    Task,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}
