/** An error a learner can act on: its message names the next command to run. */
export class CourseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CourseError";
  }
}
