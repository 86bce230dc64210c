// Quiz answers kept in the learner's browser (localStorage), one key per quiz.
export interface SavedAnswer {
  /** indexes of the options the learner chose */
  selected: number[];
  correct: boolean;
}

export interface SavedQuiz {
  answers: Record<string, SavedAnswer>;
}

export const QUIZ_KEY_PREFIX = "course:quiz:";

export function quizKey(quizId: string): string {
  return `${QUIZ_KEY_PREFIX}${quizId}`;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the quiz still works, it just forgets
  }
}

export function loadQuiz(quizId: string): SavedQuiz {
  const raw = storage()?.getItem(quizKey(quizId));
  if (!raw) return { answers: {} };
  try {
    const parsed = JSON.parse(raw) as SavedQuiz;
    return parsed && typeof parsed.answers === "object" && parsed.answers ? parsed : { answers: {} };
  } catch {
    return { answers: {} };
  }
}

export function saveAnswer(quizId: string, questionId: string, answer: SavedAnswer): SavedQuiz {
  const quiz = loadQuiz(quizId);
  quiz.answers[questionId] = answer;
  storage()?.setItem(quizKey(quizId), JSON.stringify(quiz));
  return quiz;
}

export function resetQuiz(quizId: string): void {
  storage()?.removeItem(quizKey(quizId));
}
