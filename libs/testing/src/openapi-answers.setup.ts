// jest setupFilesAfterEnv of every service: each supertest answer is checked against the served OpenAPI document.
import { checkEverySupertestAnswer } from './lib/openapi/check-supertest-answers';

checkEverySupertestAnswer();
