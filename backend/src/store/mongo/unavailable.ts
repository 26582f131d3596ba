import mongoose, { mongo } from 'mongoose';

// Classes the driver exports: the server cannot be reached, the client is closing, or an
// operation ran out of time. MongoPoolClearedError is a MongoNetworkError.
const UNAVAILABLE_CLASSES = [
  mongo.MongoNetworkError,
  mongo.MongoServerSelectionError,
  mongo.MongoOperationTimeoutError,
  mongo.MongoNotConnectedError,
  mongo.MongoTopologyClosedError,
  mongo.MongoClientClosedError,
  mongoose.Error.MongooseServerSelectionError,
];

// The driver throws these but does not export their classes, so they are told apart by the name
// their class gives them: a full wait queue for a connection, and a pool closed at shut-down.
const UNEXPORTED_DRIVER_ERRORS = new Set(['MongoWaitQueueTimeoutError', 'MongoPoolClosedError']);

// Server answers that mean the replica set cannot serve the write now (no primary, stepping down,
// shutting down, out of time, majority not reached in time), not that the request was wrong.
const UNAVAILABLE_SERVER_CODES = new Set(
  Object.values({
    HostUnreachable: 6,
    HostNotFound: 7,
    MaxTimeMSExpired: 50,
    WriteConcernTimeout: 64,
    NetworkTimeout: 89,
    ShutdownInProgress: 91,
    FailedToSatisfyReadPreference: 133,
    ReadConcernMajorityNotAvailableYet: 134,
    PrimarySteppedDown: 189,
    ExceededTimeLimit: 262,
    SocketException: 9001,
    NotWritablePrimary: 10107,
    InterruptedAtShutdown: 11600,
    InterruptedDueToReplStateChange: 11602,
    NotPrimaryNoSecondaryOk: 13435,
    NotPrimaryOrSecondary: 13436,
  }),
);

// Labels left on an error that reached us after the retries: the outcome is unknown or the server is overloaded.
const UNAVAILABLE_LABELS = ['UnknownTransactionCommitResult', 'SystemOverloadedError'];

/** Whether a driver error means "try again shortly" (503) rather than a bug (500). */
export function isUnavailable(error: unknown): boolean {
  if (UNAVAILABLE_CLASSES.some((type) => error instanceof type)) return true;
  if (error instanceof mongo.MongoDriverError && UNEXPORTED_DRIVER_ERRORS.has(error.name)) return true;
  if (!(error instanceof mongo.MongoError)) return false;
  if (error instanceof mongo.MongoServerError && typeof error.code === 'number' && UNAVAILABLE_SERVER_CODES.has(error.code)) return true;
  return UNAVAILABLE_LABELS.some((label) => error.hasErrorLabel(label));
}
