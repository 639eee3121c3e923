using Microsoft.Extensions.Options;

namespace OrleansSagas.Worker.Internal;

/// <summary>Reports <see cref="SagaWorkerOptions.Validate"/> failures the way the options system expects.</summary>
internal sealed class SagaWorkerOptionsValidator : IValidateOptions<SagaWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, SagaWorkerOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
