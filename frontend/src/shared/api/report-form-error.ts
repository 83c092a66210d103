import { toast } from '../components/ui/toast';
import { applyFieldErrors } from './problem';

/**
 * A failed form submission: the server's field errors go under their fields; a refusal that names
 * no field of the form is said in a toast, in the server's words.
 */
export function reportFormError<F extends string>(
  error: unknown,
  fields: readonly F[],
  setError: Parameters<typeof applyFieldErrors<F>>[2],
  fallback: string,
) {
  const { mapped } = applyFieldErrors(error, fields, setError);
  if (mapped === 0) toast.problem(error, fallback);
}
