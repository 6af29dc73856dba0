package io.dense4j.check;

/**
 * The worst disagreement found between backpropagation and central differences.
 *
 * @param maxParameterError largest relative error over the parameters checked
 * @param worstParameter    index (in the flat parameter vector) where it occurred
 * @param maxInputError     largest relative error over the inputs checked; NaN when not checked
 * @param tolerance         the relative error allowed
 */
public record GradientCheckResult(double maxParameterError, int worstParameter, double maxInputError,
                                  double tolerance, int parametersChecked, int inputsChecked) {

    public boolean passed() {
        return maxParameterError <= tolerance && !(maxInputError > tolerance);
    }
}
