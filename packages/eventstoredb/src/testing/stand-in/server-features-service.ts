// ServerFeatures.GetSupportedMethods: the client asks once per channel and uses BatchAppend when listed.
import type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import { SupportedMethod, SupportedMethods } from './generated.js';

const STREAMS = 'event_store.client.streams.streams';

export function serverFeaturesService(options: { readonly batchAppend: boolean }): IServerFeaturesServer {
  const methods = ['read', 'append', 'delete', 'tombstone', ...(options.batchAppend ? ['batchappend'] : [])];
  return {
    getSupportedMethods(_call, callback) {
      const supported = new SupportedMethods().setEventStoreServerVersion('23.10.0-stand-in');
      for (const method of methods) {
        supported.addMethods(new SupportedMethod().setServiceName(STREAMS).setMethodName(method));
      }
      callback(null, supported);
    },
  };
}
