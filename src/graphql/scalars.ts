export { DateResolver as DateScalar } from 'graphql-scalars';
