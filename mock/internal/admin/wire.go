package admin

import (
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/reqlog"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// The engine's records become the control API's wire types here and only
// here, so a field renamed in the engine cannot change the public API
// unnoticed: the compiler stops at these functions.

func wireEvent(e webhook.EventRecord) adminapi.Event {
	return adminapi.Event{
		ID: e.ID, StoreHash: e.StoreHash, Scope: e.Scope, Hash: e.Hash,
		CreatedAt: e.CreatedAt, RaisedAt: e.RaisedAt, Body: e.Body,
		HookIDs: nonNil(e.HookIDs), Source: string(e.Source),
	}
}

func wireDelivery(d webhook.DeliveryRecord) adminapi.Delivery {
	return adminapi.Delivery{
		ID: d.ID, EventID: d.EventID, StoreHash: d.StoreHash, HookID: d.HookID,
		ClientID: d.ClientID, Destination: d.Destination, Scope: d.Scope,
		MessageID: d.MessageID, Status: d.Status, Attempts: d.Attempts,
		Postponements: d.Postponements, CreatedAt: d.CreatedAt, NextAttemptAt: d.NextAttemptAt,
		CompletedAt: d.CompletedAt, LastError: d.LastError, Warning: d.Warning,
		Fault: d.Fault, HeldBehind: d.HeldBehind,
	}
}

func wireAttempt(a webhook.AttemptRecord) adminapi.Attempt {
	return adminapi.Attempt{
		ID: a.ID, DeliveryID: a.DeliveryID, EventID: a.EventID, StoreHash: a.StoreHash,
		HookID: a.HookID, Scope: a.Scope, Number: a.Number, At: a.At,
		Request: adminapi.Request{
			Method: a.Request.Method, URL: a.Request.URL, Headers: a.Request.Headers, Body: a.Request.Body,
		},
		ResponseStatus: a.ResponseStatus, ResponseHeaders: a.ResponseHeaders, ResponseBody: a.ResponseBody, DurationMS: a.DurationMS,
		Error: a.Error, Outcome: a.Outcome, NextAttemptAt: a.NextAttemptAt, Truncated: a.Truncated,
		Fault: a.Fault,
	}
}

func wireNotification(n webhook.Notification) adminapi.Notification {
	emails := n.Emails
	if emails == nil {
		emails = []string{}
	}
	return adminapi.Notification{
		ID: n.ID, Kind: adminapi.NotificationKind(n.Kind), StoreHash: n.StoreHash,
		ClientID: n.ClientID, HookID: n.HookID, Destination: n.Destination,
		Emails: emails, At: n.At, Until: n.Until, Message: n.Message,
	}
}

func wireRequest(r reqlog.Record) adminapi.APIRequest {
	return adminapi.APIRequest{
		ID: r.ID, At: r.At, StoreHash: r.StoreHash, Method: r.Method, Path: r.Path, Query: r.Query,
		Operation: r.Operation, Status: r.Status, ClientID: r.ClientID, UserAgent: r.UserAgent,
		Truncated: r.Truncated,
	}
}
